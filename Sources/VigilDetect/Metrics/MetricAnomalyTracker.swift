import Foundation
import VigilCore

/// One `SeriesDetector` per metric series, turning its scores into anomaly
/// episodes: an episode opens when a sample scores at or above `openScore`
/// and closes after `calmSamples` samples in a row below `calmScore`.
/// Bounded: at most `maxSeries` detectors (~2 KB each); the least recently
/// updated go first.
public struct MetricAnomalyTracker: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var openScore = 0.9999
        public var calmScore = 0.9
        public var calmSamples = 5
        public var maxSeries = 50_000
        public init() {}
    }

    struct Tracked: Sendable {
        var detector = SeriesDetector()
        var lastTime = Date.distantPast
        var calm = 0
        var open: Anomaly?
    }

    public let configuration: Configuration
    var series: [SeriesKey: Tracked] = [:]

    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    public var seriesCount: Int { series.count }
    public var openAnomalies: [Anomaly] { series.values.compactMap(\.open) }

    /// Scores every sample in order; returns the episodes opened and closed by them.
    public mutating func observe(_ samples: [MetricSample], now: Date) -> (opened: [Anomaly], closed: [Anomaly]) {
        var opened: [Anomaly] = [], closed: [Anomaly] = []
        for s in samples {
            let key = s.series
            var t = series[key] ?? Tracked()
            guard s.time > t.lastTime else { continue }
            t.lastTime = s.time
            let verdict = t.detector.score(time: s.time, value: s.value)
            if var open = t.open {
                if verdict.score < configuration.calmScore {
                    t.calm += 1
                    if t.calm >= configuration.calmSamples {
                        open.resolvedAt = now
                        closed.append(open)
                        t.open = nil
                    }
                } else {
                    t.calm = 0
                }
            } else if !verdict.warmingUp, verdict.score >= configuration.openScore {
                let a = Self.anomaly(s, key: key, verdict: verdict, now: now)
                t.open = a
                t.calm = 0
                opened.append(a)
            }
            series[key] = t
        }
        if series.count > configuration.maxSeries + configuration.maxSeries / 10 { evict() }
        return (opened, closed)
    }

    private mutating func evict() {
        let keep = series.sorted { $0.value.lastTime > $1.value.lastTime }.prefix(configuration.maxSeries)
        series = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
    }

    static func anomaly(_ s: MetricSample, key: SeriesKey, verdict: AnomalyScore, now: Date) -> Anomaly {
        let host = s.labels["host"] ?? s.labels["instance"]
        let service = s.labels["service"] ?? s.labels["job"] ?? host ?? s.name
        let what = switch verdict.kind {
        case .levelShift: "level shift"
        case .trendChange: "trend change"
        case .volatility: "volatility"
        default: "spike"
        }
        func f(_ v: Double) -> String { String(format: "%.4g", v) }
        let bandText = verdict.band.map { " (usual \(f($0.lowerBound))–\(f($0.upperBound)))" } ?? ""
        let evidence = AnomalyEvidence(
            observed: s.value, expected: verdict.expected, lower: verdict.band?.lowerBound, upper: verdict.band?.upperBound,
            pValue: 1 - verdict.score, details: ["kind": verdict.kind.rawValue, "series": key.description],
            summary: "\(s.name) = \(f(s.value)), expected \(verdict.expected.map(f) ?? "?")\(bandText)")
        return Anomaly(id: IdentifierGenerator().make("anm", at: now), source: .metrics, kind: .metricOutlier,
                       service: service, host: host, subject: key.description,
                       title: "\(service): \(what) in \(s.name)\(host.map { " on \($0)" } ?? "")",
                       score: verdict.score, severity: .warning, onset: min(verdict.onset ?? s.time, now), detectedAt: now,
                       evidence: evidence)
    }
}
