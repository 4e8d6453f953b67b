import Foundation
import VigilCore

/// Turns a forecast exhaustion into the anomaly that opens a warning incident before anything
/// breaks: "/var reaches the limit in 5 h 20 m, 80% interval 4 h–7 h".
///
/// ```swift
/// if let full = forecaster.exhaustion(of: .above(capacity)),
///    let a = ExhaustionWarning.anomaly(subject: #"disk_used{mount="/var"}"#, service: "db", exhaustion: full,
///                                      horizon: 24 * 3600, now: clock.now()) {
///     sink.record(a)   // its alert (`a.asAlert`) joins incidents like any other
/// }
/// ```
public enum ExhaustionWarning {
    /// The anomaly when the limit is likely reached within `horizon` seconds (the point ETA is
    /// inside it), `nil` otherwise. Its id is stable per subject, so re-recording updates it;
    /// its score is the probability that the limit is reached within the horizon; it is
    /// `error` when even the interval's late end is within a quarter of the horizon.
    public static func anomaly(subject: String, service: String, host: String? = nil, exhaustion e: Exhaustion,
                               horizon: TimeInterval, now: Date) -> Anomaly? {
        guard e.eta <= horizon else { return nil }
        let late = e.upper ?? .infinity
        let z = NormalDistribution.halfWidth(coverage: e.coverage)
        // spread of the ETA, from the wider side of its interval
        let sigma = max(e.eta - e.lower, late - e.eta) / z
        let probability = sigma.isFinite && sigma > 0 ? NormalDistribution.cdf((horizon - e.eta) / sigma) : 1
        let limit = e.limit.value.formatted
        var details = ["limit": limit, "eta_seconds": e.eta.formatted, "lower_seconds": e.lower.formatted,
                       "rate_per_hour": (e.rate * 3600).formatted, "coverage": e.coverage.formatted]
        if let upper = e.upper { details["upper_seconds"] = upper.formatted }
        return Anomaly(
            id: "fc_" + Fingerprint(labels: ["subject": subject, "service": service]).description,
            source: .forecast, kind: .exhaustion, service: service, host: host, subject: subject,
            title: "\(subject) \(e.summary)", score: probability,
            severity: late <= horizon / 4 ? .error : .warning, onset: now, detectedAt: now,
            evidence: AnomalyEvidence(expected: e.limit.value, lower: e.lower, upper: e.upper, windowSeconds: horizon,
                                      details: details, summary: "\(subject) \(e.summary) (limit \(limit))"))
    }
}
