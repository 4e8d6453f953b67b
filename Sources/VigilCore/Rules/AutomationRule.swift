import Foundation

/// A user's automation rule, as written in `automation_rules.yaml` or sent to the rules API:
/// when `condition` has held (for its `for` duration), request `action` — provided the
/// decision's confidence reaches `confidenceThreshold` and the previous action is at least
/// `cooldown` seconds old.
///
/// ```swift
/// let rule = AutomationRule(name: "High CPU Auto-Scale", condition: "cpu > 80% for 5 minutes",
///                           action: "scale_up", confidenceThreshold: 0.8, cooldown: 300)
/// rule.id   // "high-cpu-auto-scale"
/// ```
///
/// The condition is kept as text here; `VigilDetect.RuleCondition` parses and evaluates it.
public struct AutomationRule: Sendable, Hashable, Codable, Identifiable {
    /// Stable identifier: given, or the slug of the name.
    public var id: String
    public var name: String
    public var description: String?
    /// The condition text (grammar in `RuleCondition`).
    public var condition: String
    /// The action requested when the rule fires (a runbook or executor action name).
    public var action: String
    /// Parameters passed with the action.
    public var parameters: [String: String]
    /// Minimum confidence, in [0, 1], for a firing rule to act; below it a decision is recorded
    /// without acting.
    public var confidenceThreshold: Double
    /// Seconds after an action during which the rule does not act again.
    public var cooldown: TimeInterval
    public var enabled: Bool
    /// Severity of the incident a firing rule opens or joins.
    public var severity: Severity
    /// Labels added to the rule's alert (e.g. `service`, `team`).
    public var labels: LabelSet

    public init(id: String? = nil, name: String, description: String? = nil, condition: String, action: String,
                parameters: [String: String] = [:], confidenceThreshold: Double = 0.8, cooldown: TimeInterval = 300,
                enabled: Bool = true, severity: Severity = .warning, labels: LabelSet = [:]) {
        self.id = id ?? Self.slug(name)
        self.name = name
        self.description = description
        self.condition = condition
        self.action = action
        self.parameters = parameters
        self.confidenceThreshold = confidenceThreshold
        self.cooldown = cooldown
        self.enabled = enabled
        self.severity = severity
        self.labels = labels
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, description, condition, action, parameters
        case confidenceThreshold = "confidence_threshold", cooldown, enabled, severity, labels
    }

    /// Decodes the API's JSON (`POST /api/v1/automation/rules`): `name`, `condition` and
    /// `action` are required; the rest take the same defaults as the initialiser; `cooldown`
    /// is in seconds.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .name)
        self.init(id: try c.decodeIfPresent(String.self, forKey: .id), name: name,
                  description: try c.decodeIfPresent(String.self, forKey: .description),
                  condition: try c.decode(String.self, forKey: .condition),
                  action: try c.decode(String.self, forKey: .action),
                  parameters: try c.decodeIfPresent([String: String].self, forKey: .parameters) ?? [:],
                  confidenceThreshold: try c.decodeIfPresent(Double.self, forKey: .confidenceThreshold) ?? 0.8,
                  cooldown: try c.decodeIfPresent(TimeInterval.self, forKey: .cooldown) ?? 300,
                  enabled: try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true,
                  severity: try c.decodeIfPresent(Severity.self, forKey: .severity) ?? .warning,
                  labels: try c.decodeIfPresent(LabelSet.self, forKey: .labels) ?? [:])
    }

    /// What is wrong with the rule's fields, as (field, message) pairs in the field order; empty
    /// when it is valid. The condition's grammar is checked by `RuleCondition`, not here.
    public var problems: [(field: String, message: String)] {
        var out: [(String, String)] = []
        if id.isEmpty { out.append(("id", "must not be empty")) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { out.append(("name", "must not be empty")) }
        if condition.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append(("condition", "must not be empty")) }
        if action.trimmingCharacters(in: .whitespaces).isEmpty { out.append(("action", "must not be empty")) }
        if !(0...1).contains(confidenceThreshold) { out.append(("confidence_threshold", "must be between 0 and 1")) }
        if !(cooldown >= 0) || !cooldown.isFinite { out.append(("cooldown", "must be a non-negative number of seconds")) }
        return out
    }

    /// `High CPU Auto-Scale` → `high-cpu-auto-scale`: lowercase letters and digits, runs of
    /// anything else as one `-`. Non-ASCII letters are kept (`Утечка памяти` → `утечка-памяти`).
    public static func slug(_ name: String) -> String {
        var out = ""
        var dash = false
        for c in name.lowercased() {
            if c.isLetter || c.isNumber {
                if dash, !out.isEmpty { out.append("-") }
                out.append(c)
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "rule" : out
    }
}
