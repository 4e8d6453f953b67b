import Synchronization

/// The hand-off between many submitters and one batching writer: `submit` appends work and
/// suspends until the writer replies; the writer takes everything queued at once with `next()`.
/// After `close()` submitters are refused and the writer drains what is left.
final class BatchQueue<Item: Sendable>: Sendable {
    struct Pending: Sendable {
        let item: Item
        let reply: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var waiter: CheckedContinuation<Void, Never>?
        var closed = false
    }

    private let state = Mutex(State())
    private let closedError: @Sendable () -> any Error

    init(closedError: @escaping @Sendable () -> any Error) { self.closedError = closedError }

    /// Queues `item` and returns when the writer has answered it (or throws what it answered with).
    func submit(_ item: Item) async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            let (accepted, waiter): (Bool, CheckedContinuation<Void, Never>?) = state.withLock { s in
                guard !s.closed else { return (false, nil) }
                s.pending.append(Pending(item: item, reply: c))
                defer { s.waiter = nil }
                return (true, s.waiter)
            }
            if accepted { waiter?.resume() } else { c.resume(throwing: closedError()) }
        }
    }

    /// Waits for work (or for closing), then takes everything queued. `closed` is true once no
    /// more work can arrive; an empty batch with `closed` means the writer may stop.
    func next() async -> (batch: [Pending], closed: Bool) {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { s in
                    if !s.pending.isEmpty || s.closed { return true }
                    s.waiter = c
                    return false
                }
                if ready { c.resume() }
            }
        } onCancel: { close() }
        return state.withLock { s in
            defer { s.pending.removeAll(keepingCapacity: true) }
            return (s.pending, s.closed)
        }
    }

    /// Refuses further work and wakes the writer.
    func close() {
        let w = state.withLock { s in
            s.closed = true
            defer { s.waiter = nil }
            return s.waiter
        }
        w?.resume()
    }
}
