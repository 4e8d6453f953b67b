import Foundation
import Logging
import Synchronization
import VigilCore
import VigilDetect

/// Runs the metric detectors on every committed batch: records anomaly
/// episodes as they open and close and hands their alerts to `alerts`
/// (open ones re-sent once a minute so they stay firing).
public final class MetricAnomalyObserver: MetricObserver, Sendable {
    let store: any AnomalyStore
    let alerts: any AlertSink
    let clock: any WallClock
    let logger: Logger
    let onOpened: @Sendable ([Anomaly]) -> Void
    private let state: Mutex<(tracker: MetricAnomalyTracker, gate: MinuteGate)>
    static let alertHold: TimeInterval = 300

    public init(store: any AnomalyStore, alerts: any AlertSink, clock: any WallClock, logger: Logger,
                configuration: MetricAnomalyTracker.Configuration = .init(),
                onOpened: @escaping @Sendable ([Anomaly]) -> Void = { _ in }) {
        self.store = store
        self.alerts = alerts
        self.clock = clock
        self.logger = logger
        self.onOpened = onOpened
        state = Mutex((MetricAnomalyTracker(configuration: configuration), MinuteGate()))
    }

    public func observe(_ samples: [MetricSample]) async {
        let now = clock.now()
        let (opened, closed, resend) = state.withLock { s in
            let (o, c) = s.tracker.observe(samples, now: now)
            var resend: [Anomaly] = []
            if s.gate.open(at: now) {
                let fresh = Set(o.map(\.id))
                resend = s.tracker.openAnomalies.filter { !fresh.contains($0.id) }
            }
            return (o, c, resend)
        }
        let changed = opened + closed
        if !changed.isEmpty {
            do { try await store.recordAnomalies(changed) } catch {
                logger.error("recording metric anomalies failed", metadata: ["error": "\(error)"])
            }
            for a in opened {
                logger.notice("metric anomaly", metadata: ["anomaly.subject": "\(a.subject)",
                                                           "anomaly.score": "\(String(format: "%.3f", a.score))"])
            }
            if !opened.isEmpty { onOpened(opened) }
        }
        let toSend = changed + resend
        if !toSend.isEmpty { alerts.forward(toSend.map { $0.asAlert(at: now, holdFor: Self.alertHold) }) }
    }
}
