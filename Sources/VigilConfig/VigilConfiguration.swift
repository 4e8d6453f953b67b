import Foundation
import VigilCore
import VigilCorrelate
import VigilRemediate

/// The whole configuration: one YAML file, every section optional.
///
/// ```swift
/// let config = try ConfigLoader.load(path: "vigil.yaml", environment: ProcessInfo.processInfo.environment)
/// ```
public struct VigilConfiguration: Decodable, Sendable, Hashable {
    public var server = ServerSection()
    public var storage = StorageSection()
    public var ingest = IngestSection()
    public var correlation = CorrelationSection()
    public var inhibitRules: [InhibitRuleSection] = []
    public var detect = DetectSection()
    public var automation = AutomationSection()
    public var notify = NotifySection()
    public var security = SecuritySection()
    public var logging = LoggingSection()
    public var metrics = MetricsSection()
    public var topology = TopologySection()
    public var diagnosis = DiagnosisSection()
    public var remediation = RemediationSection()
    public var executors = ExecutorsSection()
    /// Self-healing policies, tried in order (`PolicyGate`).
    public var policies: [PolicySection] = []
    public var llm = LLMSection()
    /// Inhibition rules parsed from `inhibit_rules` (filled by the loader).
    public private(set) var parsedInhibitRules: [InhibitRule] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case server, storage, ingest, correlation, inhibitRules = "inhibit_rules", detect, notify, security, logging
        case metrics, automation, topology, diagnosis, remediation, policies, executors, llm
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        server = try c.decodeIfPresent(ServerSection.self, forKey: .server) ?? server
        storage = try c.decodeIfPresent(StorageSection.self, forKey: .storage) ?? storage
        ingest = try c.decodeIfPresent(IngestSection.self, forKey: .ingest) ?? ingest
        correlation = try c.decodeIfPresent(CorrelationSection.self, forKey: .correlation) ?? correlation
        inhibitRules = try c.decodeIfPresent([InhibitRuleSection].self, forKey: .inhibitRules) ?? inhibitRules
        detect = try c.decodeIfPresent(DetectSection.self, forKey: .detect) ?? detect
        automation = try c.decodeIfPresent(AutomationSection.self, forKey: .automation) ?? automation
        notify = try c.decodeIfPresent(NotifySection.self, forKey: .notify) ?? notify
        security = try c.decodeIfPresent(SecuritySection.self, forKey: .security) ?? security
        logging = try c.decodeIfPresent(LoggingSection.self, forKey: .logging) ?? logging
        metrics = try c.decodeIfPresent(MetricsSection.self, forKey: .metrics) ?? metrics
        topology = try c.decodeIfPresent(TopologySection.self, forKey: .topology) ?? topology
        diagnosis = try c.decodeIfPresent(DiagnosisSection.self, forKey: .diagnosis) ?? diagnosis
        remediation = try c.decodeIfPresent(RemediationSection.self, forKey: .remediation) ?? remediation
        executors = try c.decodeIfPresent(ExecutorsSection.self, forKey: .executors) ?? executors
        policies = try c.decodeIfPresent([PolicySection].self, forKey: .policies) ?? policies
        llm = try c.decodeIfPresent(LLMSection.self, forKey: .llm) ?? llm
    }

    /// Checks every section; parses what needs parsing.
    public mutating func validate(file: String) throws(ConfigError) {
        try server.validate(file: file)
        try storage.validate(file: file)
        try ingest.validate(file: file)
        try correlation.validate(file: file)
        try detect.validate(file: file)
        try automation.validate(file: file)
        try notify.validate(file: file)
        try security.validate(file: file)
        try metrics.validate(file: file)
        try topology.validate(file: file)
        try diagnosis.validate(file: file)
        try executors.validate(file: file)
        try remediation.validate(file: file)
        var policyNames: Set<String> = []
        for (i, p) in policies.enumerated() where !policyNames.insert(p.policy.name).inserted {
            throw .invalid(path: "policies[\(i)].name", message: "duplicate policy name '\(p.policy.name)'", file: file)
        }
        try llm.validate(file: file)
        var rules: [InhibitRule] = []
        for (i, r) in inhibitRules.enumerated() { rules.append(try r.rule(path: "inhibit_rules[\(i)]", file: file)) }
        parsedInhibitRules = rules
    }

    /// The correlator's settings.
    public var correlationConfig: CorrelationConfig {
        CorrelationConfig(groupBy: correlation.groupBy, groupWait: correlation.groupWait.seconds,
                          groupInterval: correlation.groupInterval.seconds,
                          repeatInterval: correlation.repeatInterval.seconds,
                          resolveTimeout: correlation.resolveTimeout.seconds,
                          reopenWindow: correlation.reopenWindow.seconds, inhibitRules: parsedInhibitRules)
    }
}

/// Reads, interpolates, decodes and validates a configuration file.
public enum ConfigLoader {
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> VigilConfiguration {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, message: "cannot read file: \(error.localizedDescription)")
        }
        return try parse(text, file: path, environment: environment)
    }

    public static func parse(_ text: String, file: String, environment: [String: String]) throws(ConfigError) -> VigilConfiguration {
        let expanded = try interpolateEnvironment(text, environment: environment, file: file)
        var config = try StrictYAMLDecoder().decode(VigilConfiguration.self, from: expanded, file: file)
        try config.validate(file: file)
        return config
    }

    /// The defaults, validated (what `vigil serve` runs with when given no file).
    public static func defaults() -> VigilConfiguration {
        var c = VigilConfiguration()
        try? c.validate(file: "<defaults>")
        return c
    }
}
