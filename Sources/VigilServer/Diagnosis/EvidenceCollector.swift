import Foundation
import VigilCore
import VigilDiagnose

/// Reads what the store knows about an incident's window into the diagnoser's input: every alert active in the
/// window (members first), log template counts turned back into lines, the metric series of the components
/// involved, change events, and the topology (configured, plus what labels imply).
struct EvidenceCollector: Sendable {
    typealias Stores = Store & LogStore & MetricStore & DiagnosisStore
    let store: any Stores
    let topology: [TopologyNode]
    let lookback: TimeInterval
    let maxSeries: Int
    let retention: MetricRetention

    /// Log lines rebuilt per (template, service, minute) row, and in all: counts stand for lines beyond these.
    static let maxLinesPerRow = 30
    static let maxLines = 150_000
    /// The window never reaches further than this past the incident's opening.
    static let maxSpanAfterOpening: TimeInterval = 2 * 3600

    func scenario(for incident: Incident, now: Date) async throws -> Scenario {
        let start = incident.openedAt.addingTimeInterval(-lookback)
        let settled = incident.resolvedAt.map { $0.addingTimeInterval(300) } ?? now
        let end = max(start.addingTimeInterval(60),
                      min(now, settled, incident.openedAt.addingTimeInterval(Self.maxSpanAfterOpening)))

        let alerts = try await alerts(incident: incident, start: start, end: end)
        let logs = try await logLines(start: start, end: end)
        let changes = try await store.changes(since: start.addingTimeInterval(-lookback), until: end, service: nil, limit: 500)
            .map(\.event)
        let nodes = TopologyInference.nodes(configured: topology, alerts: alerts, logServices: Set(logs.map(\.service)),
                                            changes: changes)
        let metrics = try await series(start: start, end: end, now: now, nodes: nodes)
        return Scenario(name: incident.id, start: start, end: end, topology: nodes, alerts: alerts, logs: logs,
                        metrics: metrics, changes: changes)
    }

    /// The incident's own alerts, then every other alert active at some point of the window.
    private func alerts(incident: Incident, start: Date, end: Date) async throws -> [Alert] {
        var out: [Alert] = []
        var seen = Set<String>()
        let own = try await store.alerts(AlertQuery(incidentID: incident.id, limit: 1000)).items
        let around = try await store.alerts(AlertQuery(until: end, limit: 1000)).items.filter {
            $0.status == .firing || ($0.alert.endsAt ?? .distantFuture) >= start
        }
        for stored in own + around {
            let key = stored.fingerprint.description + "@\(stored.alert.startsAt.timeIntervalSince1970)"
            if seen.insert(key).inserted { out.append(stored.alert) }
        }
        return out
    }

    /// Lines rebuilt from per-minute template counts: up to `maxLinesPerRow` lines spread over each minute,
    /// each the template's first example (or the template itself).
    private func logLines(start: Date, end: Date) async throws -> [LogRecord] {
        let window = try await store.logCounts(start: start, end: end, limit: 20_000)
        var lines: [LogRecord] = []
        for row in window.counts.sorted(by: { ($0.minute, $0.templateID) < ($1.minute, $1.templateID) }) {
            guard lines.count < Self.maxLines, let t = window.templates[row.templateID] else { continue }
            let n = Int(min(row.count, Int64(Self.maxLinesPerRow)))
            let message = t.examples.first ?? t.template
            for i in 0..<n {
                let time = Date(timeIntervalSince1970: Double(row.minute) * 60 + 60 * Double(i) / Double(n))
                lines.append(LogRecord(time: time, service: row.service, level: t.level, message: message))
            }
        }
        return lines
    }

    /// The series that belong to a known component first, then the most recently written, up to `maxSeries`.
    private func series(start: Date, end: Date, now: Date, nodes: [TopologyNode]) async throws -> [MetricSeries] {
        let known = Set(nodes.map(\.service))
        let hosts = Set(nodes.flatMap(\.hosts).map { $0.lowercased() })
        let all = try await store.metricSeries(MetricSeriesQuery(limit: 20_000)).filter { $0.lastSeen >= start }
        func relevant(_ labels: LabelSet) -> Bool {
            for key in ["service", "job"] where labels[key].map(known.contains) == true { return true }
            for key in ["host", "instance", "node", "hostname"] {
                if let v = labels[key], let h = v.split(separator: ":").first, hosts.contains(h.lowercased()) { return true }
            }
            return false
        }
        let ranked = all.filter { relevant($0.series.labels) } + all.filter { !relevant($0.series.labels) }
        let resolution = retention.finest(covering: start, now: now)
        var out: [MetricSeries] = []
        for info in ranked.prefix(maxSeries) {
            let points = try await store.metricRange(MetricRangeQuery(series: info.series, start: start, end: end, step: 60,
                                                                      resolution: resolution))
            guard points.count >= 3 else { continue }
            var labels = info.series.labels
            labels["__name__"] = info.series.name
            out.append(MetricSeries(labels: labels, samples: points.map { .init(time: $0.time, value: $0.mean) }))
        }
        return out
    }
}
