import Foundation
import VigilCore
import VigilDiagnose

/// Hand-made incident windows: a small graph, steady background logs and a failure at `onset`.
struct ScenarioFixture {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    var topology: [TopologyNode]
    var logs: [LogRecord] = []
    var metrics: [MetricSeries] = []
    var changes: [ChangeEvent] = []
    var alerts: [Alert] = []
    var minutes = 40

    var end: Date { Self.start.addingTimeInterval(Double(minutes) * 60) }
    func at(_ minute: Double) -> Date { Self.start.addingTimeInterval(minute * 60) }

    /// `web → api → db`, plus a `worker` that also uses `db`.
    static func chain() -> ScenarioFixture {
        ScenarioFixture(topology: [
            TopologyNode(service: "web", kind: .proxy, hosts: ["node-1"], dependsOn: ["api"]),
            TopologyNode(service: "api", kind: .app, hosts: ["node-2"], dependsOn: ["db"]),
            TopologyNode(service: "worker", kind: .app, hosts: ["node-3"], dependsOn: ["db"]),
            TopologyNode(service: "db", kind: .db, hosts: ["node-4"], dependsOn: []),
        ])
    }

    /// `line` from `service` every `every` seconds between two minutes, shifted by `skew` seconds.
    mutating func log(_ service: String, _ line: String, from: Double, to: Double, every: Double = 10, skew: Double = 0) {
        var t = from * 60
        while t < to * 60 {
            logs.append(LogRecord(time: Self.start.addingTimeInterval(t + skew), service: service, host: "", message: line))
            t += every
        }
    }

    /// A 15-second series that sits at `base` and moves to `after` at minute `change`.
    mutating func series(_ name: String, service: String, base: Double, after: Double, change: Double, noise: Double = 0.02) {
        var rng = SeededRandom(seed: UInt64(name.count * 31 + service.count))
        var samples: [MetricSeries.Sample] = []
        for i in 0..<(minutes * 4) {
            let minute = Double(i) / 4
            let level = minute >= change ? after : base
            samples.append(.init(time: at(minute), value: level * (1 + noise * Double.random(in: -1...1, using: &rng))))
        }
        metrics.append(MetricSeries(labels: ["__name__": name, "service": service, "instance": "\(service):9000"],
                                    samples: samples))
    }

    mutating func background() {
        for node in topology where node.kind != .external {
            log(node.service, "INFO request handled status=200 path=/api/v1/items", from: 0, to: Double(minutes), every: 20)
        }
    }

    var scenario: Scenario {
        Scenario(name: "fixture", start: Self.start, end: end, topology: topology, alerts: alerts,
                 logs: logs.sorted { $0.time < $1.time }, metrics: metrics, changes: changes)
    }
}
