import Foundation
import Logging
import ServiceLifecycle
import VigilCore

/// The metric path's single writer: takes samples from every source (API, host collector,
/// scrapers), appends them in one transaction per batch, and answers the sources only after
/// that commit. Committed batches go to the `observers` (detectors); old history is pruned
/// every `pruneInterval`.
public final class MetricWriter: MetricSink, Service, Sendable {
    let store: any MetricStore
    let clock: any WallClock
    let logger: Logger
    let retention: MetricRetention
    let pruneInterval: TimeInterval
    let observers: [any MetricObserver]
    let onCommit: @Sendable (_ samples: Int) -> Void
    private let queue = BatchQueue<[MetricSample]>(closedError: { MetricWriterClosed() })

    public init(store: any MetricStore, clock: any WallClock = SystemClock(), logger: Logger,
                retention: MetricRetention = MetricRetention(), pruneInterval: TimeInterval = 300,
                observers: [any MetricObserver] = [], onCommit: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.retention = retention
        self.pruneInterval = pruneInterval
        self.observers = observers
        self.onCommit = onCommit
    }

    public func accept(_ samples: [MetricSample]) async throws {
        guard !samples.isEmpty else { return }
        try await queue.submit(samples)
    }

    public func run() async throws {
        var lastPrune = Date.distantPast
        await withGracefulShutdownHandler {
            while true {
                let (batch, closed) = await queue.next()
                if batch.isEmpty, closed { break }
                await commit(batch)
                let now = clock.now()
                if now.timeIntervalSince(lastPrune) >= pruneInterval {
                    lastPrune = now
                    await prune(now: now)
                }
            }
        } onGracefulShutdown: {
            self.queue.close()
        }
        logger.info("metric writer drained and stopped")
    }

    private func commit(_ batch: [BatchQueue<[MetricSample]>.Pending]) async {
        let samples = batch.flatMap(\.item)
        do {
            try await store.appendSamples(samples)
        } catch {
            logger.error("metric batch commit failed; sources answered with an error",
                         metadata: ["error": "\(error)", "metrics.samples": "\(samples.count)"])
            for p in batch { p.reply.resume(throwing: error) }
            return
        }
        for p in batch { p.reply.resume() }
        onCommit(samples.count)
        for o in observers { await o.observe(samples) }
    }

    private func prune(now: Date) async {
        do {
            let r = try await store.pruneMetrics(retention: retention, now: now)
            if r != MetricPruneResult() {
                logger.debug("pruned metric history", metadata: [
                    "metrics.pruned.raw": "\(r.rawSamples)", "metrics.pruned.rollups": "\(r.rollupBuckets)",
                    "metrics.pruned.series": "\(r.series)"])
            }
        } catch {
            logger.warning("metric pruning failed", metadata: ["error": "\(error)"])
        }
    }
}

/// The writer is shutting down and takes no more samples.
public struct MetricWriterClosed: Error, CustomStringConvertible {
    public var description: String { "metric writer is shutting down" }
}
