import Foundation

/// What an automation rule decided when its condition had held long enough: the inputs it saw,
/// how confident it was, the action it requested, and whether it acted or why not. Decisions
/// are the audit of automation (`GET /api/v1/ai/analytics/decisions`).
public struct RuleDecision: Sendable, Hashable, Codable {
    public var ruleID: String
    public var ruleName: String
    public var time: Date
    /// The condition text evaluated.
    public var condition: String
    /// The value of every input read (`cpu`, `growth(memory, 1h)`, `predicted(load, 1h)` …).
    public var inputs: [String: Double]
    /// The probability that the condition holds, in [0, 1].
    public var confidence: Double
    /// The rule's threshold at the time.
    public var threshold: Double
    /// The action the rule requests.
    public var action: String
    public var parameters: [String: String]
    /// True when the action was requested; false when the confidence was too low.
    public var acted: Bool
    /// Why, in words: `cpu > 80% held for 5 m; confidence 1.00 ≥ 0.80`.
    public var reason: String

    public init(ruleID: String, ruleName: String, time: Date, condition: String, inputs: [String: Double],
                confidence: Double, threshold: Double, action: String, parameters: [String: String] = [:],
                acted: Bool, reason: String) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.time = time
        self.condition = condition
        self.inputs = inputs
        self.confidence = confidence
        self.threshold = threshold
        self.action = action
        self.parameters = parameters
        self.acted = acted
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ruleID = "rule_id", ruleName = "rule_name", time, condition, inputs, confidence, threshold, action
        case parameters, acted, reason
    }
}
