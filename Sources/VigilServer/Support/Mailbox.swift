import Foundation
import Synchronization

/// The hand-off between producers (request handlers, detectors) and one
/// consuming loop: producers post without waiting; the loop sleeps until
/// there is something to take, a wake-up, or the mailbox closes.
final class Mailbox<Item: Sendable>: Sendable {
    private struct State {
        var items: [Item] = []
        var waiter: CheckedContinuation<Void, Never>?
        var closed = false
        var woken = false
        var dropped = 0
    }

    private let state = Mutex(State())
    /// Most items held; beyond it the oldest are dropped (nil: unbounded).
    let capacity: Int?

    init(capacity: Int? = nil) { self.capacity = capacity }

    /// Adds items unless the mailbox is closed; returns whether they were taken.
    @discardableResult
    func post(_ items: [Item]) -> Bool {
        let (accepted, waiter) = state.withLock { s -> (Bool, CheckedContinuation<Void, Never>?) in
            guard !s.closed else { return (false, nil) }
            s.items += items
            if let capacity, s.items.count > capacity {
                s.dropped += s.items.count - capacity
                s.items.removeFirst(s.items.count - capacity)
            }
            defer { s.waiter = nil }
            return (true, s.waiter)
        }
        waiter?.resume()
        return accepted
    }

    /// Lets the loop run once even with nothing posted (a timer tick).
    func wake() { signal { $0.woken = true } }

    /// No more items are taken; the loop drains what is there and stops.
    func close() { signal { $0.closed = true } }

    /// Waits for items, a wake-up or closing, then takes everything posted.
    /// Cancelling the waiting task closes the mailbox.
    func next() async -> (items: [Item], closed: Bool, dropped: Int) {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { s in
                    if !s.items.isEmpty || s.closed || s.woken { return true }
                    s.waiter = c
                    return false
                }
                if ready { c.resume() }
            }
        } onCancel: {
            close()
        }
        return state.withLock { s in
            defer {
                s.items.removeAll(keepingCapacity: true)
                s.woken = false
                s.dropped = 0
            }
            return (s.items, s.closed, s.dropped)
        }
    }

    private func signal(_ change: (inout State) -> Void) {
        let w = state.withLock { s in
            change(&s)
            defer { s.waiter = nil }
            return s.waiter
        }
        w?.resume()
    }
}
