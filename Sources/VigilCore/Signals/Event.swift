import Foundation

/// A generic event posted by any tool: becomes an alert named after its title.
public struct GenericEvent: Sendable, Hashable, Codable {
    public var title: String
    public var severity: Severity
    public var source: String
    public var labels: LabelSet
    public var annotations: LabelSet
    public var time: Date
    public var resolved: Bool

    public init(title: String, severity: Severity, source: String, labels: LabelSet = [:],
                annotations: LabelSet = [:], time: Date, resolved: Bool = false) {
        self.title = title
        self.severity = severity
        self.source = source
        self.labels = labels
        self.annotations = annotations
        self.time = time
        self.resolved = resolved
    }

    /// The alert this event stands for. Event labels win over the derived
    /// `alertname`/`severity`/`source` only where the poster set them explicitly.
    public func asAlert() -> Alert {
        var labels = self.labels
        if labels["alertname"] == nil { labels["alertname"] = title }
        if labels["severity"] == nil { labels["severity"] = severity.rawValue }
        if labels["source"] == nil { labels["source"] = source }
        return Alert(labels: labels, annotations: annotations, startsAt: time,
                     endsAt: resolved ? time : nil, source: "event")
    }
}
