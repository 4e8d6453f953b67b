import Foundation
import VigilCore
import VigilCorrelate

/// `correlation:` — how alerts group into incidents (Alertmanager's route options).
public struct CorrelationSection: Decodable, Sendable, Hashable {
    public var groupBy = ["alertname", "service"]
    public var groupWait = ConfigDuration(seconds: 30)
    public var groupInterval = ConfigDuration(seconds: 300)
    public var repeatInterval = ConfigDuration(seconds: 4 * 3600)
    public var resolveTimeout = ConfigDuration(seconds: 300)
    public var reopenWindow = ConfigDuration(seconds: 3600)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case groupBy = "group_by", groupWait = "group_wait", groupInterval = "group_interval"
        case repeatInterval = "repeat_interval", resolveTimeout = "resolve_timeout", reopenWindow = "reopen_window"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groupBy = try c.decodeIfPresent([String].self, forKey: .groupBy) ?? groupBy
        groupWait = try c.decodeIfPresent(ConfigDuration.self, forKey: .groupWait) ?? groupWait
        groupInterval = try c.decodeIfPresent(ConfigDuration.self, forKey: .groupInterval) ?? groupInterval
        repeatInterval = try c.decodeIfPresent(ConfigDuration.self, forKey: .repeatInterval) ?? repeatInterval
        resolveTimeout = try c.decodeIfPresent(ConfigDuration.self, forKey: .resolveTimeout) ?? resolveTimeout
        reopenWindow = try c.decodeIfPresent(ConfigDuration.self, forKey: .reopenWindow) ?? reopenWindow
    }

    func validate(file: String) throws(ConfigError) {
        let durations: [(String, ConfigDuration)] = [("group_wait", groupWait), ("group_interval", groupInterval),
                                                     ("repeat_interval", repeatInterval), ("resolve_timeout", resolveTimeout),
                                                     ("reopen_window", reopenWindow)]
        for (name, d) in durations where d.seconds < 0 {
            throw .invalid(path: "correlation.\(name)", message: "must not be negative", file: file)
        }
        guard resolveTimeout.seconds > 0 else {
            throw .invalid(path: "correlation.resolve_timeout", message: "must be positive", file: file)
        }
        if groupBy.contains("..."), groupBy.count > 1 {
            throw .invalid(path: "correlation.group_by", message: "'...' groups by all labels and cannot be combined with others", file: file)
        }
        if Set(groupBy).count != groupBy.count {
            throw .invalid(path: "correlation.group_by", message: "lists a label twice", file: file)
        }
    }
}

/// One entry of `inhibit_rules:` (Alertmanager's shape).
public struct InhibitRuleSection: Decodable, Sendable, Hashable {
    public var sourceMatchers: [String]
    public var targetMatchers: [String]
    public var equal: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sourceMatchers = "source_matchers", targetMatchers = "target_matchers", equal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sourceMatchers = try c.decode([String].self, forKey: .sourceMatchers)
        targetMatchers = try c.decode([String].self, forKey: .targetMatchers)
        equal = try c.decodeIfPresent([String].self, forKey: .equal) ?? []
    }

    func rule(path: String, file: String) throws(ConfigError) -> InhibitRule {
        func parse(_ list: [String], _ key: String) throws(ConfigError) -> [Matcher] {
            var out: [Matcher] = []
            for (i, text) in list.enumerated() {
                do { out += try Matcher.parseList(text) } catch {
                    throw .invalid(path: "\(path).\(key)[\(i)]", message: error.message, file: file)
                }
            }
            guard !out.isEmpty else { throw .invalid(path: "\(path).\(key)", message: "needs at least one matcher", file: file) }
            return out
        }
        return InhibitRule(sourceMatchers: try parse(sourceMatchers, "source_matchers"),
                           targetMatchers: try parse(targetMatchers, "target_matchers"), equal: equal)
    }
}
