import Foundation
import VigilCore
import VigilCorrelate
import VigilTesting

/// Drives a correlator with a hand-moved clock and remembers every change it reported.
struct Harness {
    var correlator: Correlator
    let clock: TestClock
    var silences: [Silence] = []
    /// Everything reported so far, as the store would hold it.
    var store = FakeStore()

    init(_ config: CorrelationConfig = Harness.config, clock: TestClock = TestClock(now: Fixtures.epoch)) {
        correlator = Correlator(config: config)
        self.clock = clock
    }

    /// Short, distinct intervals so tests can tell them apart.
    static let config = CorrelationConfig(groupBy: ["alertname", "service"], groupWait: 30, groupInterval: 300,
                                          repeatInterval: 3600, resolveTimeout: 300, reopenWindow: 3600)

    var now: Date { clock.now() }
    func advance(_ seconds: TimeInterval) { clock.advance(by: seconds) }
    func at(_ seconds: TimeInterval) -> Date { Fixtures.epoch.addingTimeInterval(seconds) }

    @discardableResult
    mutating func ingest(_ alerts: Alert...) -> CorrelationChanges {
        let c = correlator.ingest(alerts, silences: silences, now: now)
        store.apply(c)
        return c
    }

    @discardableResult
    mutating func tick() -> CorrelationChanges {
        let c = correlator.tick(silences: silences, now: now)
        store.apply(c)
        return c
    }

    @discardableResult
    mutating func command(_ cmd: IncidentCommand) throws(CorrelationError) -> CorrelationChanges {
        let c = try correlator.apply(cmd, now: now)
        store.apply(c)
        return c
    }

    /// The only incident the correlator tracks; fails the test through `#require` at the call site when not one.
    var incidents: [Incident] { Array(correlator.incidentsByKey.values) }
    func stored(_ alert: Alert) -> StoredAlert? { correlator.alerts[alert.fingerprint] }
}

/// What a store would hold after committing every `CorrelationChanges`.
struct FakeStore {
    var alerts: [String: StoredAlert] = [:]
    var incidents: [String: Incident] = [:]
    var timeline: [IncidentEvent] = []
    var notifications: [IncidentNotification] = []

    mutating func apply(_ c: CorrelationChanges) {
        for a in c.changedAlerts { alerts["\(a.fingerprint)@\(a.alert.startsAt.timeIntervalSince1970)"] = a }
        for i in c.changedIncidents { incidents[i.id] = i }
        timeline += c.timeline
        notifications += c.notifications
    }

    /// As `Store.activeAlerts()`: firing or suppressed.
    var activeAlerts: [StoredAlert] { alerts.values.filter { $0.status != .resolved } }

    /// As `Store.recentIncidents(resolvedSince:)`.
    func recentIncidents(resolvedSince: Date) -> [Incident] {
        incidents.values.filter { $0.status.isActive || ($0.resolvedAt.map { $0 >= resolvedSince } ?? false) }
    }
}

extension CorrelationChanges {
    var kinds: [IncidentEvent.Kind] { timeline.map(\.kind) }
    var notificationKinds: [IncidentNotification.Kind] { notifications.map(\.kind) }
}

/// Alerts from Alertmanager carry no endsAt while firing and so never time out: handy for long timelines.
func amAlert(_ name: String, _ labels: LabelSet = [:], severity: String = "warning", startsAt: Date = Fixtures.epoch,
             endsAt: Date? = nil) -> Alert {
    Fixtures.alert(name, labels, severity: severity, startsAt: startsAt, endsAt: endsAt, source: "alertmanager")
}
