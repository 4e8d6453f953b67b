import Foundation
import VigilCore

/// The scenario file as written, before times are parsed and checked.
struct ScenarioFile: Decodable {
    struct Window: Decodable { var start: String; var end: String }
    struct Node: Decodable {
        var service: String
        var host: String?
        var hosts: [String]?
        var kind: String
        var dependsOn: [String]?
    }
    struct AlertRow: Decodable {
        var labels: [String: String]
        var annotations: [String: String]?
        var startsAt: String
        var endsAt: String?
    }
    struct LogRow: Decodable { var time: String; var service: String; var host: String?; var line: String }
    struct SeriesRow: Decodable { var labels: [String: String]; var samples: [[Double]] }
    struct ChangeRow: Decodable { var time: String; var service: String; var kind: String; var description: String? }

    var name: String?
    var window: Window
    var topology: [Node]
    var alerts: [AlertRow]?
    var logs: [LogRow]?
    var metrics: [SeriesRow]?
    var changes: [ChangeRow]?

    func scenario() throws(ScenarioError) -> Scenario {
        let start = try Self.time(window.start, "window.start")
        let end = try Self.time(window.end, "window.end")
        guard start <= end else { throw ScenarioError(path: "window", message: "end is before start") }
        var nodes: [TopologyNode] = []
        var names = Set<String>()
        for (i, node) in topology.enumerated() {
            guard let kind = TopologyNode.Kind(rawValue: node.kind) else {
                throw ScenarioError(path: "topology[\(i)].kind", message: "unknown kind '\(node.kind)'")
            }
            guard !node.service.isEmpty, names.insert(node.service).inserted else {
                throw ScenarioError(path: "topology[\(i)].service", message: "empty or duplicate service '\(node.service)'")
            }
            let hosts = node.hosts ?? node.host.map { [$0] } ?? []
            nodes.append(TopologyNode(service: node.service, kind: kind, hosts: hosts, dependsOn: node.dependsOn ?? []))
        }
        var alerts: [Alert] = []
        for (i, row) in (self.alerts ?? []).enumerated() {
            let starts = try Self.time(row.startsAt, "alerts[\(i)].startsAt")
            let ends = try row.endsAt.map { (text) throws(ScenarioError) in try Self.time(text, "alerts[\(i)].endsAt") }
            alerts.append(Alert(labels: row.labels, annotations: row.annotations ?? [:], startsAt: starts,
                                endsAt: ends.flatMap { $0.timeIntervalSince1970 > 0 ? $0 : nil }, source: "scenario"))
        }
        var logs: [LogRecord] = []
        logs.reserveCapacity(self.logs?.count ?? 0)
        for (i, row) in (self.logs ?? []).enumerated() {
            let time = try Self.time(row.time, "logs[\(i)].time")
            logs.append(LogRecord(time: time, service: row.service, host: row.host ?? "", message: row.line))
        }
        var series: [MetricSeries] = []
        for (i, row) in (metrics ?? []).enumerated() {
            var samples: [MetricSeries.Sample] = []
            samples.reserveCapacity(row.samples.count)
            for (j, pair) in row.samples.enumerated() {
                guard pair.count == 2 else {
                    throw ScenarioError(path: "metrics[\(i)].samples[\(j)]", message: "expected [unix_seconds, value]")
                }
                samples.append(.init(time: Date(timeIntervalSince1970: pair[0]), value: pair[1]))
            }
            series.append(MetricSeries(labels: row.labels, samples: samples))
        }
        var changes: [ChangeEvent] = []
        for (i, row) in (self.changes ?? []).enumerated() {
            let time = try Self.time(row.time, "changes[\(i)].time")
            guard let kind = ChangeEvent.Kind(rawValue: row.kind) else {
                throw ScenarioError(path: "changes[\(i)].kind", message: "unknown kind '\(row.kind)'")
            }
            changes.append(ChangeEvent(time: time, service: row.service, kind: kind, description: row.description ?? ""))
        }
        return Scenario(name: name ?? "", start: start, end: end, topology: nodes, alerts: alerts,
                        logs: logs, metrics: series, changes: changes)
    }

    static func time(_ text: String, _ path: String) throws(ScenarioError) -> Date {
        guard let date = RFC3339.parse(text) else {
            throw ScenarioError(path: path, message: "not an RFC 3339 time: '\(text)'")
        }
        return date
    }
}
