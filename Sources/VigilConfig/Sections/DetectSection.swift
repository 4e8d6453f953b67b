import Foundation

/// `detect:` — the detectors that turn signals into anomalies.
public struct DetectSection: Decodable, Sendable, Hashable {
    public var logs = LogAnomalies()

    enum CodingKeys: String, CodingKey, CaseIterable { case logs }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        logs = try c.decodeIfPresent(LogAnomalies.self, forKey: .logs) ?? logs
    }

    /// `detect.logs:` — anomalies found in template counts.
    public struct LogAnomalies: Decodable, Sendable, Hashable {
        public var enabled = true
        /// A service's templates are learned, not reported as new, for this long after its first line.
        public var learningPeriod = ConfigDuration(seconds: 3600)
        /// New templates scoring below this (0–1, from level and failure words) are kept but not reported.
        public var newTemplateMinScore = 0.5

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled, learningPeriod = "learning_period", newTemplateMinScore = "new_template_min_score"
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
            learningPeriod = try c.decodeIfPresent(ConfigDuration.self, forKey: .learningPeriod) ?? learningPeriod
            newTemplateMinScore = try c.decodeIfPresent(Double.self, forKey: .newTemplateMinScore) ?? newTemplateMinScore
        }
    }

    func validate(file: String) throws(ConfigError) {
        guard logs.learningPeriod.seconds >= 0 else {
            throw .invalid(path: "detect.logs.learning_period", message: "must not be negative", file: file)
        }
        guard (0...1).contains(logs.newTemplateMinScore) else {
            throw .invalid(path: "detect.logs.new_template_min_score",
                           message: "must be between 0 and 1, got \(logs.newTemplateMinScore)", file: file)
        }
    }
}
