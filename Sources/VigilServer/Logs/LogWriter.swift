import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigilCore
import VigilDetect

/// The log path's single writer: takes records from every receiver, splits
/// headers from messages, mines templates, and commits template and
/// per-minute count changes in one transaction per batch. Receivers are
/// answered only after that commit. The miner's state is saved every
/// `snapshotInterval` so templates keep their IDs across restarts.
///
/// It also runs the log anomaly detector on what it committed: every
/// `evaluationInterval` (with or without traffic, so silence is noticed)
/// closed minutes are tested, new and closed anomalies are recorded, and
/// their alerts go to `alerts` (the incident writer) — open ones re-sent
/// once a minute so they stay firing.
public final class LogWriter: LogSink, Service, Sendable {
    let store: any LogStore
    let clock: any WallClock
    let logger: Logger
    let snapshotInterval: TimeInterval
    let onCommit: @Sendable (_ lines: Int, _ templates: Int) -> Void
    let onAnomalies: @Sendable (_ opened: [Anomaly]) -> Void
    let anomalies: LogAnomalyConfiguration?
    let anomalyStore: (any AnomalyStore)?
    let alerts: (any AlertSink)?
    let evaluationInterval: Duration
    private let queue = BatchQueue<[LogRecord]>(closedError: { LogWriterClosed() })
    private let resendGate = Mutex(MinuteGate())
    static let minerKey = "log-miner"
    static let detectorKey = "log-anomalies"
    /// How long an open anomaly's alert stays firing without a re-send.
    static let alertHold: TimeInterval = 300

    public init(store: any LogStore, clock: any WallClock = SystemClock(), logger: Logger, snapshotInterval: TimeInterval = 10,
                anomalies: LogAnomalyConfiguration? = nil, anomalyStore: (any AnomalyStore)? = nil,
                alerts: (any AlertSink)? = nil, evaluationInterval: Duration = .seconds(10),
                onCommit: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
                onAnomalies: @escaping @Sendable ([Anomaly]) -> Void = { _ in }) {
        self.onCommit = onCommit
        self.onAnomalies = onAnomalies
        self.anomalies = anomalies
        self.anomalyStore = anomalyStore
        self.alerts = alerts
        self.evaluationInterval = evaluationInterval
        self.store = store
        self.clock = clock
        self.logger = logger
        self.snapshotInterval = snapshotInterval
    }

    public func accept(_ records: [LogRecord]) async throws {
        guard !records.isEmpty else { return }
        try await queue.submit(records)
    }

    public func run() async throws {
        var state = try await LogMiningState.load(store: store, anomalies: anomalies, logger: logger)
        var lastSnapshot = clock.now()
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                if anomalies != nil {
                    group.addTask { [clock, evaluationInterval] in
                        while !Task.isCancelled {
                            try? await clock.sleep(for: evaluationInterval)
                            self.queue.wake()
                        }
                    }
                }
                while true {
                    let (batch, closed) = await queue.next()
                    if batch.isEmpty, closed { break }
                    let now = clock.now()
                    let snapshotDue = now.timeIntervalSince(lastSnapshot) >= snapshotInterval || closed
                    if await commit(batch, state: &state, now: now, snapshot: snapshotDue), snapshotDue { lastSnapshot = now }
                    if closed {
                        _ = await commit([], state: &state, now: clock.now(), snapshot: true)
                        break
                    }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.queue.close()
        }
        logger.info("log writer drained and stopped")
    }

    /// Mines a batch and commits what changed; answers every waiting receiver.
    private func commit(_ batch: [BatchQueue<[LogRecord]>.Pending], state: inout LogMiningState, now: Date, snapshot: Bool) async -> Bool {
        for p in batch { state.mine(p.item, now: now) }
        let changes = state.takeChanges(now: now)
        var report = LogAnomalyReport()
        if state.detector != nil {
            state.detector?.observe(changes.observations, at: now)
            report = state.detector?.evaluate(at: now) ?? report
        }
        let blob: [UInt8]? = snapshot ? state.snapshotBytes() : nil
        let detectorBlob: [UInt8]? = snapshot ? state.detectorBytes() : nil
        if batch.isEmpty, changes.templates.isEmpty, blob == nil, report.isEmpty { return true }
        do {
            try await store.writeLogs { tx in
                try await tx.upsertLogTemplates(changes.templates)
                try await tx.addLogCounts(changes.counts)
                if let blob { try await tx.saveState(key: Self.minerKey, value: blob) }
                if let detectorBlob { try await tx.saveState(key: Self.detectorKey, value: detectorBlob) }
            }
        } catch {
            logger.error("log batch commit failed; receivers answered with an error", metadata: ["error": "\(error)"])
            for p in batch { p.reply.resume(throwing: error) }
            do { state = try await LogMiningState.load(store: store, anomalies: anomalies, logger: logger) } catch {
                logger.critical("cannot reload the template miner", metadata: ["error": "\(error)"])
            }
            return false
        }
        for p in batch { p.reply.resume() }
        onCommit(batch.reduce(0) { $0 + $1.item.count }, state.miner.templateCount)
        await publish(report, state: state, now: now)
        return true
    }

    /// Records opened and closed anomalies and hands their alerts on; open ones are re-sent once a minute.
    private func publish(_ report: LogAnomalyReport, state: LogMiningState, now: Date) async {
        let changed = (report.opened + report.closed).map(state.describe)
        if !report.opened.isEmpty { onAnomalies(report.opened) }
        if !changed.isEmpty, let anomalyStore {
            do { try await anomalyStore.recordAnomalies(changed) } catch {
                logger.error("recording log anomalies failed", metadata: ["error": "\(error)", "anomalies.count": "\(changed.count)"])
            }
            for a in report.opened {
                logger.notice("log anomaly", metadata: ["anomaly.kind": "\(a.kind.rawValue)", "anomaly.service": "\(a.service)",
                                                        "anomaly.subject": "\(a.subject)",
                                                        "anomaly.score": "\(String(format: "%.2f", a.score))"])
            }
        }
        guard let alerts else { return }
        let resend = resendGate.withLock { $0.open(at: now) }
        let openIDs = Set(report.opened.map(\.id))
        let toSend = changed + (resend ? report.open.filter { !openIDs.contains($0.id) }.map(state.describe) : [])
        guard !toSend.isEmpty else { return }
        alerts.forward(toSend.map { $0.asAlert(at: now, holdFor: Self.alertHold) })
    }
}

/// The writer is shutting down and takes no more lines.
public struct LogWriterClosed: Error, CustomStringConvertible {
    public var description: String { "log writer is shutting down" }
}
