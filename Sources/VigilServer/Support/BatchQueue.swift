/// The hand-off between many submitters and one batching writer: `submit` appends work and
/// suspends until the writer replies; the writer takes everything queued at once with `next()`.
/// After `close()` submitters are refused and the writer drains what is left. `wake()` lets the
/// writer run once with nothing queued (periodic work such as detectors).
final class BatchQueue<Item: Sendable>: Sendable {
    struct Pending: Sendable {
        let item: Item
        let reply: CheckedContinuation<Void, any Error>
    }

    private let mailbox = Mailbox<Pending>()
    private let closedError: @Sendable () -> any Error

    init(closedError: @escaping @Sendable () -> any Error) { self.closedError = closedError }

    /// Queues `item` and returns when the writer has answered it (or throws what it answered with).
    func submit(_ item: Item) async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            if !mailbox.post([Pending(item: item, reply: c)]) { c.resume(throwing: closedError()) }
        }
    }

    /// Waits for work, a wake-up or closing, then takes everything queued. `closed` is true once no
    /// more work can arrive; an empty batch with `closed` means the writer may stop.
    func next() async -> (batch: [Pending], closed: Bool) {
        let (items, closed, _) = await mailbox.next()
        return (items, closed)
    }

    func wake() { mailbox.wake() }

    /// Refuses further work and wakes the writer.
    func close() { mailbox.close() }
}
