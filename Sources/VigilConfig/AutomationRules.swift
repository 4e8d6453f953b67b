import Foundation
import VigilCore
import VigilDetect

/// Reads an automation-rules file (`configs/ai/automation_rules.yaml` in the user's documents):
///
/// ```yaml
/// rules:
///   - name: "High CPU Auto-Scale"
///     condition: "cpu > 80% for 5 minutes"
///     action: "scale_up"
///     confidence_threshold: 0.8
///     cooldown: 300            # seconds, or 5m
/// ```
///
/// Decoding is strict (unknown keys fail) and every error names the file, line and column — for
/// a one-line condition, the column of the offending character in the file:
/// `rules.yaml:3:21: rules[0].condition: invalid condition: expected a comparison operator ('>', …) but found '80'`.
public enum AutomationRulesLoader {
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> [AutomationRule] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, message: "cannot read file: \(error.localizedDescription)")
        }
        return try parse(text, file: path, environment: environment)
    }

    public static func parse(_ text: String, file: String, environment: [String: String] = [:]) throws(ConfigError) -> [AutomationRule] {
        let expanded = try interpolateEnvironment(text, environment: environment, file: file)
        let decoded: AutomationRulesFile
        do {
            decoded = try StrictYAMLDecoder().decode(AutomationRulesFile.self, from: expanded, file: file)
        } catch {
            throw ConditionText.pointInside(error, source: expanded)
        }
        var seen: Set<String> = []
        var rules: [AutomationRule] = []
        for (i, section) in decoded.rules.enumerated() {
            let rule = try section.rule(path: "rules[\(i)]", file: file)
            guard seen.insert(rule.id).inserted else {
                throw .invalid(path: "rules[\(i)]", message: "duplicate rule id '\(rule.id)'", file: file)
            }
            rules.append(rule)
        }
        return rules
    }
}

/// The file's top level.
struct AutomationRulesFile: Decodable {
    var rules: [AutomationRuleSection]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rules
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rules = try c.decodeIfPresent([AutomationRuleSection].self, forKey: .rules) ?? []
    }
}

/// One rule as written. The condition is parsed while decoding, so its errors point at it.
struct AutomationRuleSection: Decodable {
    var id: String?
    var name: String
    var description: String?
    var condition: ConditionText
    var action: String
    var parameters: [String: String]
    var confidenceThreshold: Double
    var cooldown: ConfigDuration
    var enabled: Bool
    var severity: Severity
    var labels: [String: String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, description, condition, action, parameters
        case confidenceThreshold = "confidence_threshold", cooldown, enabled, severity, labels
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        condition = try c.decode(ConditionText.self, forKey: .condition)
        action = try c.decode(String.self, forKey: .action)
        parameters = try c.decodeIfPresent([String: String].self, forKey: .parameters) ?? [:]
        confidenceThreshold = try c.decodeIfPresent(Double.self, forKey: .confidenceThreshold) ?? 0.8
        cooldown = try c.decodeIfPresent(ConfigDuration.self, forKey: .cooldown) ?? ConfigDuration(seconds: 300)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        severity = try c.decodeIfPresent(Severity.self, forKey: .severity) ?? .warning
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    }

    func rule(path: String, file: String) throws(ConfigError) -> AutomationRule {
        let rule = AutomationRule(id: id, name: name, description: description, condition: condition.text, action: action,
                                  parameters: parameters, confidenceThreshold: confidenceThreshold,
                                  cooldown: cooldown.seconds, enabled: enabled, severity: severity, labels: labels)
        if let problem = rule.problems.first {
            throw .invalid(path: "\(path).\(problem.field)", message: problem.message, file: file)
        }
        return rule
    }
}

/// A condition string that must parse (`RuleCondition`); decoding errors carry the column
/// within the condition.
struct ConditionText: Decodable {
    var text: String

    struct Invalid: Error, CustomStringConvertible {
        var error: ConditionParseError
        var description: String { "\(Self.prefix)\(error)" }
        static let prefix = "invalid condition: "
    }

    /// Moves a condition error from the start of the YAML value to the offending character when
    /// the condition is a one-line plain or quoted scalar: `rules.yaml:3:20: … invalid condition:
    /// expected …` instead of pointing at the opening quote. Other errors pass through.
    static func pointInside(_ error: ConfigError, source: String) -> ConfigError {
        guard error.message.hasPrefix(Invalid.prefix), let line = error.line, let column = error.column else { return error }
        let rest = error.message.dropFirst(Invalid.prefix.count)
        let parts = rest.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, parts[0] == "1", let inner = Int(parts[1]) else { return error }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line - 1 < lines.count else { return error }
        let text = Array(lines[line - 1])
        guard column - 1 < text.count, !"|>".contains(text[column - 1]) else { return error }
        let quote = text[column - 1] == "\"" || text[column - 1] == "'" ? 1 : 0
        var moved = error
        moved.column = column + quote + inner - 1
        moved.message = Invalid.prefix + parts[2].drop { $0 == " " }
        return moved
    }

    init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
        do { _ = try RuleCondition(text) } catch { throw Invalid(error: error) }
    }
}
