import Foundation

/// A pending command and the request waiting for its outcome.
struct PendingCommand: Sendable {
    let command: PipelineCommand
    let reply: CheckedContinuation<PipelineOutcome, any Error>
}

/// The bounded buffer between HTTP handlers and the writer. Handlers wait
/// here until their command is committed (or refused).
actor CommandQueue {
    private var pending: [PendingCommand] = []
    private var pendingAlerts = 0
    private var waiter: CheckedContinuation<Void, Never>?
    private var closed = false
    let maxPendingAlerts: Int

    init(maxPendingAlerts: Int) { self.maxPendingAlerts = maxPendingAlerts }

    /// Enqueues a command; refuses when closed or when too much is already waiting.
    func enqueue(_ item: PendingCommand) {
        if closed {
            item.reply.resume(throwing: PipelineError.unavailable("server is shutting down"))
            return
        }
        if pendingAlerts + item.command.alertCount > maxPendingAlerts, !pending.isEmpty {
            item.reply.resume(throwing: PipelineError.unavailable("ingest queue is full, retry later"))
            return
        }
        pending.append(item)
        pendingAlerts += item.command.alertCount
        waiter?.resume()
        waiter = nil
    }

    /// Takes up to `maxAlerts` worth of commands (at least one command if any wait).
    func take(maxAlerts: Int) -> [PendingCommand] {
        var taken = 0
        var count = 0
        for item in pending {
            if count > 0, taken + item.command.alertCount > maxAlerts { break }
            taken += item.command.alertCount
            count += 1
        }
        let batch = Array(pending.prefix(count))
        pending.removeFirst(count)
        pendingAlerts -= taken
        return batch
    }

    var isEmpty: Bool { pending.isEmpty }
    var isClosed: Bool { closed }

    /// Suspends until a command arrives (returns at once if one waits).
    func waitForWork() async {
        if !pending.isEmpty || closed { return }
        await withCheckedContinuation { waiter = $0 }
    }

    /// Wakes the writer without work (for ticks and shutdown).
    func wake() {
        waiter?.resume()
        waiter = nil
    }

    /// Stops accepting new commands; what already waits is still processed.
    func close() {
        closed = true
        wake()
    }
}
