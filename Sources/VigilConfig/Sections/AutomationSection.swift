import Foundation
import VigilCore

/// `automation:` — automation rules (conditions over metrics, forecasts and PromQL).
public struct AutomationSection: Decodable, Sendable, Hashable {
    public var enabled = true
    /// How often every rule is evaluated.
    public var interval = ConfigDuration(seconds: 15)
    /// Rules in the documents' `automation_rules.yaml` format, loaded at start (API-created rules are kept in the store).
    public var rulesFile: String?
    /// Forecasts: series with a limit (filesystem, inodes, memory, swap) that reach it within this horizon open a warning.
    public var predictionHorizon = ConfigDuration(seconds: 24 * 3600)
    /// The rules read from `rules_file` (filled by validation).
    public private(set) var fileRules: [AutomationRule] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, interval, rulesFile = "rules_file", predictionHorizon = "prediction_horizon"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
        interval = try c.decodeIfPresent(ConfigDuration.self, forKey: .interval) ?? interval
        rulesFile = try c.decodeIfPresent(String.self, forKey: .rulesFile)
        predictionHorizon = try c.decodeIfPresent(ConfigDuration.self, forKey: .predictionHorizon) ?? predictionHorizon
    }

    mutating func validate(file: String) throws(ConfigError) {
        if let rulesFile {
            fileRules = try AutomationRulesLoader.load(path: rulesFile, environment: ProcessInfo.processInfo.environment)
        }
        guard interval.seconds >= 1 else {
            throw .invalid(path: "automation.interval", message: "must be at least 1s", file: file)
        }
        guard predictionHorizon.seconds >= 60 else {
            throw .invalid(path: "automation.prediction_horizon", message: "must be at least 1m", file: file)
        }
    }
}
