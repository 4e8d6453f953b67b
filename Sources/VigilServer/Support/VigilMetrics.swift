import Foundation
import Prometheus
import VigilCore

/// Vigil's own metrics, exposed at `/metrics` in Prometheus text format.
/// Each instance owns its registry, so tests never share global state.
public final class VigilMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let alertsIngested: Counter
    let alertsRejected: Counter
    let batchSize: ValueHistogram
    let commitLatency: DurationHistogram
    let commitFailures: Counter
    let logLines: Counter
    let logTemplates: Gauge

    public init() {
        alertsIngested = registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "alerts_ingested",
                                                                unitName: "total", helpText: "Alerts committed to the store"))
        alertsRejected = registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "ingest_rejected_requests",
                                                                unitName: "total", helpText: "Ingest requests refused with a 4xx"))
        batchSize = registry.makeValueHistogram(
            descriptor: .init(namespace: "vigil", metricName: "ingest_batch_alerts", unitName: "count",
                              helpText: "Alerts per committed batch"),
            buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000])
        commitLatency = registry.makeDurationHistogram(
            descriptor: .init(namespace: "vigil", metricName: "store_commit_duration", unitName: "seconds",
                              helpText: "Time to commit one batch transaction"),
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                      .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)])
        commitFailures = registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "store_commit_failures",
                                                                unitName: "total", helpText: "Batch transactions that failed"))
        logLines = registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "log_lines_ingested",
                                                          unitName: "total", helpText: "Log lines committed (templates and counts)"))
        logTemplates = registry.makeGauge(descriptor: .init(namespace: "vigil", metricName: "log_templates",
                                                            unitName: "count", helpText: "Live templates in the miner"))
    }

    func httpRequest(route: String, method: String, code: Int) {
        registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "http_requests", unitName: "total",
                                               helpText: "HTTP requests by route, method and status code"),
                             labels: [("route", route), ("method", method), ("code", String(code))]).increment()
    }

    func httpDuration(route: String, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "vigil", metricName: "http_request_duration", unitName: "seconds",
                              helpText: "HTTP request latency by route"),
            labels: [("route", route)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]).record(duration)
    }

    func incidents(_ counts: [IncidentStatus: Int]) {
        for status in IncidentStatus.allCases {
            registry.makeGauge(descriptor: .init(namespace: "vigil", metricName: "incidents", unitName: "count",
                                                 helpText: "Incidents by status"),
                               labels: [("status", status.rawValue)]).set(Double(counts[status] ?? 0))
        }
    }

    func outbox(channel: String, state: OutboxItem.State) {
        registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "notifications", unitName: "total",
                                               helpText: "Notification delivery attempts by channel and outcome"),
                             labels: [("channel", channel), ("outcome", state.rawValue)]).increment()
    }

    func anomaliesOpened(_ anomalies: [Anomaly]) {
        for a in anomalies {
            registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "anomalies", unitName: "total",
                                                   helpText: "Anomalies opened by source and kind"),
                                 labels: [("source", a.source.rawValue), ("kind", a.kind.rawValue)]).increment()
        }
    }

    func metricSamplesCommitted(_ count: Int) {
        registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "metric_samples_ingested", unitName: "total",
                                               helpText: "Metric samples committed to local history")).increment(by: Int64(count))
    }

    func logsCommitted(lines: Int, templates: Int) {
        logLines.increment(by: Int64(lines))
        logTemplates.set(Double(templates))
    }

    func diagnosis(trigger: String, author: TextAuthor, duration: Duration) {
        let writer = author == .deterministic ? "deterministic" : "model"
        registry.makeCounter(descriptor: .init(namespace: "vigil", metricName: "diagnoses", unitName: "total",
                                               helpText: "Incident analyses by trigger and who wrote the explanation"),
                             labels: [("trigger", trigger), ("explanation", writer)]).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "vigil", metricName: "diagnosis_duration",
                                                         unitName: "seconds", helpText: "Time to analyse one incident"),
                                       labels: [],
                                       buckets: [.milliseconds(10), .milliseconds(50), .milliseconds(200), .seconds(1),
                                                 .seconds(2), .seconds(5), .seconds(20)]).record(duration)
    }

    /// The exposition text.
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
