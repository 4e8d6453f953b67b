import Foundation
import Hummingbird
import VigilCore
import VigilDiagnose
import VigilLLM

/// The seed-compatible insight endpoints: `GET /api/v1/ai/insights/current`, `GET /api/v1/ai/predictions/issues`,
/// `GET /api/v1/ai/recommendations/optimization`. Everything here is computed without a language model.
struct InsightRoutes {
    let store: any Store & DiagnosisStore & AnomalyStore & MetricStore
    let predictions: PredictionService?
    let clock: any WallClock
    /// The language-model providers' circuit breakers (empty without providers).
    let breakers: @Sendable () -> [CircuitBreakerSnapshot]

    struct IncidentInsight: Encodable {
        var id: String
        var title: String
        var severity: String
        var status: String
        var openedAt: Date
        var alertCount: Int
        var rootCause: Hypothesis?
        var explanation: String?
    }

    struct Current: Encodable {
        var generatedAt: Date
        var summary: String
        var incidents: [IncidentInsight]
        var openAnomalies: [String: Int]
        var predictedIssues: Int
    }

    struct Issue: Encodable {
        var component: String
        var series: String
        var summary: String
        var severity: String
        var etaSeconds: Double?
        var lowerSeconds: Double?
        var upperSeconds: Double?
        var at: Date?
    }

    func register(on v1: RouterGroup<VigilRequestContext>) {
        v1.get("circuit-breakers") { _, context in
            _ = try context.require(.viewer)
            return try JSONResponse.make(["items": breakers()])
        }
        v1.get("ai/insights/current") { _, context in
            _ = try context.require(.viewer)
            return try JSONResponse.make(try await current())
        }
        v1.get("ai/predictions/issues") { _, context in
            _ = try context.require(.viewer)
            return try JSONResponse.make(["items": await issues()])
        }
        v1.get("ai/recommendations/optimization") { _, context in
            _ = try context.require(.viewer)
            return try JSONResponse.make(["items": try await recommendations()])
        }
    }

    func current() async throws -> Current {
        let now = clock.now()
        let active = try await store.recentIncidents(resolvedSince: now).filter { $0.status.isActive }
            .sorted { ($0.severity, $0.openedAt) > ($1.severity, $1.openedAt) }
        var incidents: [IncidentInsight] = []
        for i in active.prefix(50) {
            let d = try await store.diagnosis(incidentID: i.id)
            incidents.append(IncidentInsight(id: i.id, title: i.title, severity: i.severity.rawValue, status: i.status.rawValue,
                                             openedAt: i.openedAt, alertCount: i.alertCount, rootCause: d?.diagnosis.top,
                                             explanation: d.map { $0.diagnosis.author == .deterministic ? "deterministic" : "model" }))
        }
        let anomalies = try await store.anomalies(AnomalyQuery(openOnly: true, limit: 1000))
        let bySource = Dictionary(grouping: anomalies, by: \.source.rawValue).mapValues(\.count)
        let issues = await issues()
        var summary = active.isEmpty ? "No open incidents." : "\(active.count) open incident(s)."
        if let top = incidents.first, let cause = top.rootCause {
            summary += " Most severe: \(top.title) — likely \(cause.cause.rawValue) in \(cause.component)"
                + " (confidence \(Int((cause.confidence * 100).rounded()))%)."
        }
        if !anomalies.isEmpty { summary += " \(anomalies.count) open anomal\(anomalies.count == 1 ? "y" : "ies")." }
        if !issues.isEmpty { summary += " \(issues.count) predicted issue(s)." }
        return Current(generatedAt: now, summary: summary, incidents: incidents, openAnomalies: bySource,
                       predictedIssues: issues.count)
    }

    /// Forecasts that reach their limit at some point, soonest first; `critical` within an hour.
    func issues() async -> [Issue] {
        guard let predictions else { return [] }
        var items = predictions.current
        if items.isEmpty { items = await predictions.refresh() }
        return items.filter { $0.etaSeconds != nil }.sorted { ($0.etaSeconds ?? 0) < ($1.etaSeconds ?? 0) }.map { p in
            let eta = p.etaSeconds ?? .infinity
            return Issue(component: p.host.map { "\(p.service)@\($0)" } ?? p.service, series: p.series, summary: p.summary,
                         severity: eta < 3600 ? "critical" : p.warning ? "warning" : "info",
                         etaSeconds: p.etaSeconds, lowerSeconds: p.lowerSeconds, upperSeconds: p.upperSeconds, at: p.at)
        }
    }

    func recommendations() async throws -> [OptimizationAdvisor.Recommendation] {
        let now = clock.now()
        let window: TimeInterval = 24 * 3600
        let start = now.addingTimeInterval(-window)
        var stats: [OptimizationAdvisor.SeriesStats] = []
        for name in ["host_filesystem_used_ratio", "host_filesystem_inodes_used_ratio", "host_memory_used_ratio",
                     "host_cpu_busy_ratio"] {
            for info in try await store.metricSeries(MetricSeriesQuery(name: name, limit: 200)) where info.lastSeen >= start {
                let points = try await store.metricRange(MetricRangeQuery(series: info.series, start: start, end: now, step: 300))
                guard let first = points.first, let last = points.last else { continue }
                let total = points.reduce(0) { $0 + $1.sum }, n = points.reduce(0) { $0 + $1.count }
                stats.append(.init(name: name, labels: info.series.labels, mean: n > 0 ? total / Double(n) : 0,
                                   max: points.map(\.max).max() ?? 0, last: info.lastValue,
                                   span: last.time.timeIntervalSince(first.time)))
            }
        }
        let alerts = try await store.alerts(AlertQuery(since: start, limit: 1000)).items
        let episodes = alerts.map { OptimizationAdvisor.AlertEpisode(name: $0.alert.name, startsAt: $0.alert.startsAt,
                                                                     endsAt: $0.status == .resolved ? $0.alert.endsAt : nil) }
        return OptimizationAdvisor().advise(series: stats, episodes: episodes, window: window, now: now)
    }
}
