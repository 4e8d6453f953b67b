import Foundation
import Logging
import VigilCore

/// Delivers what the outbox holds: claims due items, hands each to its
/// notifier, and records delivery, a retry time, or death. Because items
/// live in the store, deliveries survive a restart.
///
/// ```swift
/// let delivery = OutboxDelivery(store: store, notifiers: registry, clock: SystemClock(), logger: logger)
/// try await delivery.run()   // until cancelled
/// ```
public struct OutboxDelivery<C: WallClock>: Sendable {
    public let store: any Store
    public let notifiers: NotifierRegistry
    public let policy: RetryPolicy
    public let clock: C
    public let pollInterval: Duration
    public let logger: Logger
    public let onOutcome: @Sendable (String, OutboxItem.State) -> Void

    public init(store: any Store, notifiers: NotifierRegistry, policy: RetryPolicy = .init(), clock: C,
                pollInterval: Duration = .milliseconds(500), logger: Logger,
                onOutcome: @escaping @Sendable (String, OutboxItem.State) -> Void = { _, _ in }) {
        self.store = store
        self.notifiers = notifiers
        self.policy = policy
        self.clock = clock
        self.pollInterval = pollInterval
        self.logger = logger
        self.onOutcome = onOutcome
    }

    /// Polls until the task is cancelled.
    public func run() async throws {
        while !Task.isCancelled {
            do {
                let n = try await deliverDue()
                if n > 0 { continue }
            } catch is CancellationError {
                return
            } catch {
                logger.error("outbox poll failed", metadata: ["error": "\(error)"])
            }
            do { try await clock.sleep(for: pollInterval) } catch { return }
        }
    }

    /// Delivers every item due now, concurrently per item; returns how many were tried.
    @discardableResult
    public func deliverDue(limit: Int = 64) async throws -> Int {
        let due = try await store.dueOutboxItems(at: clock.now(), limit: limit)
        await withTaskGroup(of: Void.self) { group in
            for item in due { group.addTask { await deliver(item) } }
        }
        return due.count
    }

    func deliver(_ item: OutboxItem) async {
        var updated: OutboxItem
        if let notifier = notifiers[item.channel] {
            do throws(NotifyError) {
                try await notifier.notify(item.notification)
                updated = policy.delivered(item, now: clock.now())
            } catch {
                updated = policy.failed(item, error: error, now: clock.now(), unit: Double.random(in: 0..<1))
            }
        } else {
            updated = policy.failed(item, error: NotifyError("no notifier named '\(item.channel)' is configured",
                                                             retryable: false), now: clock.now(), unit: 0)
        }
        var meta: Logger.Metadata = ["outbox.id": "\(item.id ?? 0)", "notify.channel": "\(item.channel)",
                                     "incident.id": "\(item.notification.incident.id)",
                                     "outbox.attempts": "\(updated.attempts)", "outbox.state": "\(updated.state.rawValue)"]
        if let e = updated.lastError { meta["error"] = "\(e)" }
        switch updated.state {
        case .delivered: logger.debug("notification delivered", metadata: meta)
        case .pending: logger.warning("notification failed, will retry", metadata: meta)
        case .dead: logger.error("notification dead-lettered", metadata: meta)
        }
        onOutcome(item.channel, updated.state)
        do { try await store.updateOutboxItem(updated) } catch {
            logger.error("could not record outbox outcome", metadata: meta.merging(["error": "\(error)"]) { $1 })
        }
    }
}
