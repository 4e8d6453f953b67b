import Foundation

/// `detect:` — the detectors that turn signals into anomalies.
public struct DetectSection: Decodable, Sendable, Hashable {
    public var logs = LogAnomalies()
    public var metrics = MetricAnomalies()

    enum CodingKeys: String, CodingKey, CaseIterable { case logs, metrics }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        logs = try c.decodeIfPresent(LogAnomalies.self, forKey: .logs) ?? logs
        metrics = try c.decodeIfPresent(MetricAnomalies.self, forKey: .metrics) ?? metrics
    }

    /// `detect.metrics:` — an online detector per stored metric series.
    public struct MetricAnomalies: Decodable, Sendable, Hashable {
        public var enabled = true
        /// A sample scoring at least this (0–1; 0.9999 ≈ a 1-in-10,000 surprise given the series' own past) opens an anomaly.
        public var minScore = 0.9999

        enum CodingKeys: String, CodingKey, CaseIterable { case enabled, minScore = "min_score" }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
            minScore = try c.decodeIfPresent(Double.self, forKey: .minScore) ?? minScore
        }
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
        guard metrics.minScore > 0, metrics.minScore <= 1 else {
            throw .invalid(path: "detect.metrics.min_score", message: "must be in (0, 1], got \(metrics.minScore)", file: file)
        }
        guard logs.learningPeriod.seconds >= 0 else {
            throw .invalid(path: "detect.logs.learning_period", message: "must not be negative", file: file)
        }
        guard (0...1).contains(logs.newTemplateMinScore) else {
            throw .invalid(path: "detect.logs.new_template_min_score",
                           message: "must be between 0 and 1, got \(logs.newTemplateMinScore)", file: file)
        }
    }
}
