import Foundation
import Synchronization
import VigilCore

/// A clock tests move by hand. `sleep` suspends until `advance` passes the deadline.
///
/// ```swift
/// let clock = TestClock(now: Date(timeIntervalSince1970: 1_700_000_000))
/// clock.advance(by: 30)
/// ```
public final class TestClock: WallClock, Sendable {
    private struct State {
        var now: Date
        var sleepers: [(deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let state: Mutex<State>

    public init(now: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        state = Mutex(State(now: now))
    }

    public func now() -> Date { state.withLock { $0.now } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            let ready: Bool = state.withLock { s in
                let deadline = s.now.addingTimeInterval(duration.timeInterval)
                if deadline <= s.now { return true }
                s.sleepers.append((deadline, c))
                return false
            }
            if ready { c.resume() }
        }
    }

    /// How many tasks are sleeping on this clock; lets a test advance time only once a loop is waiting.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline a sleeping task waits for, if any.
    public var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    /// Moves time forward and wakes every sleeper whose deadline passed.
    public func advance(by seconds: TimeInterval) {
        let due: [CheckedContinuation<Void, any Error>] = state.withLock { s in
            s.now = s.now.addingTimeInterval(seconds)
            let now = s.now
            let ready = s.sleepers.filter { $0.deadline <= now }.map(\.continuation)
            s.sleepers.removeAll { $0.deadline <= now }
            return ready
        }
        for c in due { c.resume() }
    }
}
