import Foundation
import VigilCore

/// When to try a failed delivery again: exponential backoff with jitter,
/// capped, and a maximum number of attempts after which the item is dead.
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var initialBackoff: TimeInterval
    public var maxBackoff: TimeInterval

    public init(maxAttempts: Int = 8, initialBackoff: TimeInterval = 1, maxBackoff: TimeInterval = 300) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// The wait before attempt `attempt + 1`, given `attempt` failures so far.
    /// `unit` is a number in [0, 1) that supplies the jitter (equal jitter: half fixed, half random).
    public func backoff(afterAttempt attempt: Int, unit: Double) -> TimeInterval {
        let exp = initialBackoff * pow(2, Double(max(0, attempt - 1)))
        let capped = min(maxBackoff, exp)
        return capped / 2 + capped / 2 * min(max(unit, 0), 1)
    }

    /// The item after a failed attempt at `now`.
    public func failed(_ item: OutboxItem, error: NotifyError, now: Date, unit: Double) -> OutboxItem {
        var next = item
        next.attempts += 1
        next.lastError = error.message
        if !error.retryable || next.attempts >= maxAttempts {
            next.state = .dead
            next.nextAttemptAt = now
        } else {
            let wait = max(backoff(afterAttempt: next.attempts, unit: unit), error.retryAfter ?? 0)
            next.nextAttemptAt = now.addingTimeInterval(wait)
        }
        return next
    }

    public func delivered(_ item: OutboxItem, now: Date) -> OutboxItem {
        var next = item
        next.attempts += 1
        next.state = .delivered
        next.lastError = nil
        next.nextAttemptAt = now
        return next
    }
}
