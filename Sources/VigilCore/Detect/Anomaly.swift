import Foundation

/// Something a detector found unusual in logs or metrics, with the evidence
/// that made it so. One value per episode: it opens at `onset`, is recorded
/// when detected, and closes when the behaviour returns to normal.
///
/// Anomalies join incidents the way alerts do: ``asAlert(at:holdFor:)`` gives
/// the alert that the correlator groups, silences and inhibits.
public struct Anomaly: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Codable, CaseIterable {
        case logs, metrics, forecast, rules
    }

    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A log template never seen before from this service.
        case newTemplate = "new_template"
        /// A template's rate far above its own baseline.
        case rateSpike = "rate_spike"
        /// A template's rate far below its own baseline.
        case rateDrop = "rate_drop"
        /// A service's share of error lines jumped.
        case errorRatio = "error_ratio"
        /// A regular template stopped arriving.
        case heartbeatSilent = "heartbeat_silent"
        /// A metric outside its expected band (spike, level shift or trend change).
        case metricOutlier = "metric_outlier"
        /// A forecast crosses a limit within the warning horizon.
        case exhaustion
        /// A user's automation rule fired.
        case ruleFiring = "rule_firing"

        /// The `alertname` the anomaly's alert carries.
        public var alertName: String {
            switch self {
            case .newTemplate: "LogNewTemplate"
            case .rateSpike: "LogRateSpike"
            case .rateDrop: "LogRateDrop"
            case .errorRatio: "LogErrorRatio"
            case .heartbeatSilent: "LogHeartbeatSilent"
            case .metricOutlier: "MetricAnomaly"
            case .exhaustion: "PredictedExhaustion"
            case .ruleFiring: "AutomationRuleFiring"
            }
        }
    }

    /// A ULID; stable for the episode, so re-recording updates it.
    public var id: String
    public var source: Source
    public var kind: Kind
    public var service: String
    public var host: String?
    /// What is anomalous: `template:42`, a series selector, `service`.
    public var subject: String
    /// One line a person reads first.
    public var title: String
    /// In [0, 1]; higher is more surprising.
    public var score: Double
    public var severity: Severity
    public var onset: Date
    public var detectedAt: Date
    public var resolvedAt: Date?
    public var evidence: AnomalyEvidence

    public init(id: String, source: Source, kind: Kind, service: String, host: String? = nil, subject: String,
                title: String, score: Double, severity: Severity, onset: Date, detectedAt: Date,
                resolvedAt: Date? = nil, evidence: AnomalyEvidence) {
        self.id = id
        self.source = source
        self.kind = kind
        self.service = service
        self.host = host
        self.subject = subject
        self.title = title
        self.score = min(1, max(0, score))
        self.severity = severity
        self.onset = onset
        self.detectedAt = detectedAt
        self.resolvedAt = resolvedAt
        self.evidence = evidence
    }

    /// The labels that identify the anomaly's alert: one alert per kind, service and subject.
    public var alertLabels: LabelSet {
        var labels: LabelSet = ["alertname": kind.alertName, "service": service, "severity": severity.rawValue,
                                "vigil_source": source.rawValue, "subject": subject]
        if let host { labels["host"] = host }
        return labels
    }

    /// The alert the correlator sees: firing until `now + holdFor` while the
    /// anomaly is open (the detector re-sends it), resolved once it closes.
    public func asAlert(at now: Date, holdFor: TimeInterval) -> Alert {
        var annotations: LabelSet = ["summary": title, "anomaly_id": id, "score": String(format: "%.3f", score)]
        if let description = evidence.summary { annotations["description"] = description }
        return Alert(labels: alertLabels, annotations: annotations, startsAt: onset,
                     endsAt: resolvedAt ?? now.addingTimeInterval(holdFor), source: "vigil-\(source.rawValue)")
    }
}

/// Why a detector flagged something: what was expected, what was seen.
public struct AnomalyEvidence: Sendable, Hashable, Codable {
    public var template: String?
    public var templateID: Int64?
    public var examples: [String]
    /// The observed value (a count, a ratio, a sample).
    public var observed: Double?
    /// The baseline expectation and its band.
    public var expected: Double?
    public var lower: Double?
    public var upper: Double?
    /// Counts in the window before and during the anomaly.
    public var before: Double?
    public var after: Double?
    /// The test's tail probability, when the detector ran one.
    public var pValue: Double?
    /// The window the numbers cover, in seconds.
    public var windowSeconds: Double?
    /// Free-form detail (`test: poisson`, `limit: 100%`, …).
    public var details: [String: String]
    /// A sentence built from the numbers above.
    public var summary: String?

    public init(template: String? = nil, templateID: Int64? = nil, examples: [String] = [], observed: Double? = nil,
                expected: Double? = nil, lower: Double? = nil, upper: Double? = nil, before: Double? = nil,
                after: Double? = nil, pValue: Double? = nil, windowSeconds: Double? = nil,
                details: [String: String] = [:], summary: String? = nil) {
        self.template = template
        self.templateID = templateID
        self.examples = examples
        self.observed = observed
        self.expected = expected
        self.lower = lower
        self.upper = upper
        self.before = before
        self.after = after
        self.pValue = pValue
        self.windowSeconds = windowSeconds
        self.details = details
        self.summary = summary
    }
}

/// Filters for listing anomalies, most recently detected first.
public struct AnomalyQuery: Sendable, Hashable {
    public var source: Anomaly.Source?
    public var kind: Anomaly.Kind?
    public var service: String?
    public var since: Date?
    public var until: Date?
    /// Only episodes still open.
    public var openOnly: Bool
    public var limit: Int

    public init(source: Anomaly.Source? = nil, kind: Anomaly.Kind? = nil, service: String? = nil, since: Date? = nil,
                until: Date? = nil, openOnly: Bool = false, limit: Int = 100) {
        self.source = source
        self.kind = kind
        self.service = service
        self.since = since
        self.until = until
        self.openOnly = openOnly
        self.limit = limit
    }
}

/// Where anomalies are kept. Recording an anomaly whose `id` exists updates it.
public protocol AnomalyStore: Sendable {
    func recordAnomalies(_ anomalies: [Anomaly]) async throws
    func anomalies(_ query: AnomalyQuery) async throws -> [Anomaly]
}
