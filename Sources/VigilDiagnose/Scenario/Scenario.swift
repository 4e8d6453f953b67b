import Foundation
import VigilCore

/// Everything an on-call engineer has about one incident window: topology,
/// alerts, logs, metric series and the change log. The diagnoser's input,
/// whether it comes from a scenario file or from the store.
public struct Scenario: Sendable, Hashable {
    public var name: String
    public var start: Date
    public var end: Date
    public var topology: [TopologyNode]
    public var alerts: [Alert]
    public var logs: [LogRecord]
    public var metrics: [MetricSeries]
    public var changes: [ChangeEvent]

    public init(name: String, start: Date, end: Date, topology: [TopologyNode], alerts: [Alert] = [],
                logs: [LogRecord] = [], metrics: [MetricSeries] = [], changes: [ChangeEvent] = []) {
        self.name = name
        self.start = start
        self.end = end
        self.topology = topology
        self.alerts = alerts
        self.logs = logs
        self.metrics = metrics
        self.changes = changes
    }
}
