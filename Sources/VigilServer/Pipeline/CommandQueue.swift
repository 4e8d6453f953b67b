import Foundation
import Synchronization

/// A pending command and the request waiting for its outcome.
struct PendingCommand: Sendable {
    let command: PipelineCommand
    let reply: CheckedContinuation<PipelineOutcome, any Error>
}

/// The bounded buffer between HTTP handlers and the writer. Handlers wait
/// on their continuation until their command is committed (or refused).
/// A mutex rather than an actor: enqueueing happens synchronously inside
/// the caller's continuation closure, with no extra task or hop.
final class CommandQueue: Sendable {
    private struct State {
        var pending: [PendingCommand] = []
        var pendingAlerts = 0
        var waiter: CheckedContinuation<Void, Never>?
        var closed = false
    }

    private let state = Mutex(State())
    let maxPendingAlerts: Int

    init(maxPendingAlerts: Int) { self.maxPendingAlerts = maxPendingAlerts }

    /// Enqueues a command; refuses when closed or when too much is already waiting.
    func enqueue(_ item: PendingCommand) {
        enum Decision { case accepted(CheckedContinuation<Void, Never>?), rejected(PipelineError) }
        let decision: Decision = state.withLock { s in
            if s.closed { return .rejected(.unavailable("server is shutting down")) }
            if s.pendingAlerts + item.command.alertCount > maxPendingAlerts, !s.pending.isEmpty {
                return .rejected(.unavailable("ingest queue is full, retry later"))
            }
            s.pending.append(item)
            s.pendingAlerts += item.command.alertCount
            defer { s.waiter = nil }
            return .accepted(s.waiter)
        }
        switch decision {
        case .accepted(let waiter): waiter?.resume()
        case .rejected(let error): item.reply.resume(throwing: error)
        }
    }

    /// Takes up to `maxAlerts` worth of commands (at least one command if any wait).
    func take(maxAlerts: Int) -> [PendingCommand] {
        state.withLock { s in
            var taken = 0
            var count = 0
            for item in s.pending {
                if count > 0, taken + item.command.alertCount > maxAlerts { break }
                taken += item.command.alertCount
                count += 1
            }
            let batch = Array(s.pending.prefix(count))
            s.pending.removeFirst(count)
            s.pendingAlerts -= taken
            return batch
        }
    }

    var isEmpty: Bool { state.withLock { $0.pending.isEmpty } }
    var isClosedAndEmpty: Bool { state.withLock { $0.closed && $0.pending.isEmpty } }

    /// Suspends until a command arrives or `wake` is called (returns at once if one waits).
    func waitForWork() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { s in
                if !s.pending.isEmpty || s.closed { return true }
                s.waiter?.resume()
                s.waiter = c
                return false
            }
            if ready { c.resume() }
        }
    }

    /// Wakes the writer without work (for ticks and shutdown).
    func wake() {
        let w: CheckedContinuation<Void, Never>? = state.withLock { s in
            defer { s.waiter = nil }
            return s.waiter
        }
        w?.resume()
    }

    /// Stops accepting new commands; what already waits is still processed.
    func close() {
        state.withLock { $0.closed = true }
        wake()
    }
}
