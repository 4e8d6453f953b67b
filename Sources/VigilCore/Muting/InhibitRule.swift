import Foundation

/// An inhibition rule: while an alert matching `sourceMatchers` fires, alerts
/// matching `targetMatchers` that have the same values for every `equal`
/// label are muted. An alert never inhibits itself.
public struct InhibitRule: Sendable, Hashable, Codable {
    public var sourceMatchers: [Matcher]
    public var targetMatchers: [Matcher]
    public var equal: [String]

    public init(sourceMatchers: [Matcher], targetMatchers: [Matcher], equal: [String]) {
        self.sourceMatchers = sourceMatchers
        self.targetMatchers = targetMatchers
        self.equal = equal
    }

    public func isSource(_ labels: LabelSet) -> Bool { sourceMatchers.allSatisfy { $0.matches(labels) } }
    public func isTarget(_ labels: LabelSet) -> Bool { targetMatchers.allSatisfy { $0.matches(labels) } }

    /// Whether `source` inhibits `target` under this rule.
    public func inhibits(source: LabelSet, target: LabelSet) -> Bool {
        guard source != target, isSource(source), isTarget(target) else { return false }
        return equal.allSatisfy { source[$0] == target[$0] }
    }
}
