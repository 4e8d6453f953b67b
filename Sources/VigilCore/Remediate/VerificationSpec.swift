import Foundation

/// What must clear, and for how long, before a fix counts as working.
///
/// An alert is one of the plan's signals when its `alertname` is in `alertNames` (any name when
/// the list is empty) and it satisfies every matcher. The fix is verified when no such alert is
/// firing for the whole `window` after execution.
///
/// ```swift
/// let spec = VerificationSpec(alertNames: ["DiskFull"], matchers: [try Matcher.parse(#"host="node-1""#)], window: 300)
/// spec.covers(["alertname": "DiskFull", "host": "node-1"]) // true
/// ```
public struct VerificationSpec: Sendable, Hashable, Codable {
    public var alertNames: [String]
    public var matchers: [Matcher]
    /// Seconds the signals must stay clear.
    public var window: TimeInterval

    public init(alertNames: [String] = [], matchers: [Matcher] = [], window: TimeInterval = 300) {
        self.alertNames = alertNames
        self.matchers = matchers
        self.window = window
    }

    /// Whether an alert with these labels is one of the signals that must clear.
    public func covers(_ labels: LabelSet) -> Bool {
        if !alertNames.isEmpty, !alertNames.contains(labels["alertname"] ?? "") { return false }
        return matchers.allSatisfy { $0.matches(labels) }
    }

    /// Whether the signals stayed clear: none of `firing` (label sets of alerts seen firing since
    /// `since`) is covered, and the window has passed by `now`.
    public func isCleared(firing: [LabelSet], since: Date, now: Date) -> Bool {
        now.timeIntervalSince(since) >= window && !firing.contains(where: covers)
    }
}
