import Foundation
import VigilCore

/// How alerts group into incidents and when people hear about them.
/// Names and meanings follow Alertmanager's route options.
public struct CorrelationConfig: Sendable, Hashable {
    /// Labels whose values form the group key; `["..."]` groups by every label.
    public var groupBy: [String]
    /// How long a new incident waits for more alerts before the first notification.
    public var groupWait: TimeInterval
    /// How long to wait before notifying about alerts that joined an announced incident.
    public var groupInterval: TimeInterval
    /// How often an incident still open is announced again.
    public var repeatInterval: TimeInterval
    /// When an alert comes without `endsAt` (and not from Alertmanager), it resolves after this long unless re-sent.
    public var resolveTimeout: TimeInterval
    /// A resolved incident whose alerts fire again within this window reopens instead of a new one opening.
    public var reopenWindow: TimeInterval
    public var inhibitRules: [InhibitRule]

    public init(groupBy: [String] = ["alertname", "service"], groupWait: TimeInterval = 30,
                groupInterval: TimeInterval = 300, repeatInterval: TimeInterval = 4 * 3600,
                resolveTimeout: TimeInterval = 300, reopenWindow: TimeInterval = 3600,
                inhibitRules: [InhibitRule] = []) {
        self.groupBy = groupBy
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.resolveTimeout = resolveTimeout
        self.reopenWindow = reopenWindow
        self.inhibitRules = inhibitRules
    }

    /// The labels of `labels` that the group key is made of.
    public func groupLabels(_ labels: LabelSet) -> LabelSet {
        if groupBy.contains("...") { return labels }
        var out: LabelSet = [:]
        for name in groupBy { if let v = labels[name] { out[name] = v } }
        return out
    }

    /// A readable, stable group key: `{alertname="X",service="api"}`.
    public func groupKey(_ labels: LabelSet) -> String {
        let g = groupLabels(labels)
        return "{" + g.keys.sorted().map { "\($0)=\"\(g[$0]!)\"" }.joined(separator: ",") + "}"
    }
}
