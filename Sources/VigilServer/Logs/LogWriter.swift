import Foundation
import Logging
import ServiceLifecycle
import VigilCore
import VigilDetect

/// The log path's single writer: takes records from every receiver, splits
/// headers from messages, mines templates, and commits template and
/// per-minute count changes in one transaction per batch. Receivers are
/// answered only after that commit. The miner's state is saved every
/// `snapshotInterval` so templates keep their IDs across restarts.
public final class LogWriter: LogSink, Service, Sendable {
    let store: any LogStore
    let clock: any WallClock
    let logger: Logger
    let snapshotInterval: TimeInterval
    let onCommit: @Sendable (_ lines: Int, _ templates: Int) -> Void
    private let queue = BatchQueue<[LogRecord]>(closedError: { LogWriterClosed() })
    static let minerKey = "log-miner"

    public init(store: any LogStore, clock: any WallClock = SystemClock(), logger: Logger, snapshotInterval: TimeInterval = 10,
                onCommit: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        self.onCommit = onCommit
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
        var state = try await LogMiningState.load(store: store, logger: logger)
        var lastSnapshot = clock.now()
        try await withGracefulShutdownHandler {
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
        } onGracefulShutdown: {
            self.queue.close()
        }
        logger.info("log writer drained and stopped")
    }

    /// Mines a batch and commits what changed; answers every waiting receiver.
    private func commit(_ batch: [BatchQueue<[LogRecord]>.Pending], state: inout LogMiningState, now: Date, snapshot: Bool) async -> Bool {
        for p in batch { state.mine(p.item, now: now) }
        let (templates, counts) = state.takeChanges()
        let blob: [UInt8]? = snapshot ? state.snapshotBytes() : nil
        if batch.isEmpty, templates.isEmpty, blob == nil { return true }
        do {
            try await store.writeLogs { tx in
                try await tx.upsertLogTemplates(templates)
                try await tx.addLogCounts(counts)
                if let blob { try await tx.saveState(key: Self.minerKey, value: blob) }
            }
        } catch {
            logger.error("log batch commit failed; receivers answered with an error", metadata: ["error": "\(error)"])
            for p in batch { p.reply.resume(throwing: error) }
            do { state = try await LogMiningState.load(store: store, logger: logger) } catch {
                logger.critical("cannot reload the template miner", metadata: ["error": "\(error)"])
            }
            return false
        }
        for p in batch { p.reply.resume() }
        onCommit(batch.reduce(0) { $0 + $1.item.count }, state.miner.templateCount)
        return true
    }
}

/// The writer is shutting down and takes no more lines.
public struct LogWriterClosed: Error, CustomStringConvertible {
    public var description: String { "log writer is shutting down" }
}
