import Foundation
import Logging
import ServiceLifecycle
import VigilCore
import VigilCorrelate
import VigilNotify

/// The single writer: takes every state-changing command in arrival order,
/// runs correlation on a copy of its state, commits the whole batch in one
/// transaction, and only then answers the waiting requests and adopts the
/// new state. Concurrent requests share a transaction (group commit).
///
/// ```swift
/// let outcome = try await writer.submit(.alerts(alerts))   // returns after COMMIT
/// ```
public final class IncidentWriter: Service, Sendable {
    let store: any Store
    let queue: CommandQueue
    let clock: any WallClock
    let config: CorrelationConfig
    let notifiers: NotifierRegistry
    let metrics: VigilMetrics
    let logger: Logger
    let maxBatchAlerts: Int
    let maxDelay: Duration
    let tickInterval: Duration

    public init(store: any Store, clock: any WallClock, config: CorrelationConfig, notifiers: NotifierRegistry, metrics: VigilMetrics,
                logger: Logger, maxBatchAlerts: Int = 5000, maxPendingAlerts: Int = 200_000,
                maxDelay: Duration = .zero, tickInterval: Duration = .seconds(1)) {
        self.store = store
        self.queue = CommandQueue(maxPendingAlerts: maxPendingAlerts)
        self.clock = clock
        self.config = config
        self.notifiers = notifiers
        self.metrics = metrics
        self.logger = logger
        self.maxBatchAlerts = maxBatchAlerts
        self.maxDelay = maxDelay
        self.tickInterval = tickInterval
    }

    /// Hands a command to the writer and waits until it is committed.
    func submit(_ command: PipelineCommand) async throws -> PipelineOutcome {
        try await withCheckedThrowingContinuation { cont in
            queue.enqueue(PendingCommand(command: command, reply: cont))
        }
    }

    public func run() async throws {
        var state = try await loadState()
        logger.info("correlation state restored", metadata: [
            "correlation.alerts": "\(state.correlator.alertCount)",
            "correlation.incidents": "\(state.correlator.incidentsByKey.count)",
            "silences.count": "\(state.silences.count)",
        ])
        let queue = self.queue
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [clock, tickInterval] in
                    while !Task.isCancelled {
                        try await clock.sleep(for: tickInterval)
                        queue.wake()
                    }
                }
                var nextTick = clock.now()
                var closedAndDrained = false
                while !closedAndDrained {
                    await withTaskCancellationHandler { await queue.waitForWork() } onCancel: { queue.close() }
                    if maxDelay > .zero, !queue.isEmpty { try? await clock.sleep(for: maxDelay) }
                    let batch = queue.take(maxAlerts: maxBatchAlerts)
                    let now = clock.now()
                    let tickDue = now >= nextTick
                    if tickDue { nextTick = now.addingTimeInterval(tickInterval.timeInterval) }
                    if !batch.isEmpty || tickDue {
                        await process(batch, tick: tickDue, state: &state, now: now)
                    }
                    if batch.isEmpty, queue.isClosedAndEmpty { closedAndDrained = true }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            queue.close()
        }
        logger.info("incident writer drained and stopped")
    }

    func loadState() async throws -> WriterState {
        let now = clock.now()
        var correlator = Correlator(config: config)
        correlator.restore(alerts: try await store.activeAlerts(),
                           incidents: try await store.recentIncidents(resolvedSince: now.addingTimeInterval(-config.reopenWindow)))
        return WriterState(correlator: correlator, silences: try await store.silences())
    }
}

/// What the writer keeps between batches.
struct WriterState: Sendable {
    var correlator: Correlator
    var silences: [Silence]
    var ticks = 0
}
