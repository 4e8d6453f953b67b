import Foundation
import VigilCore

/// How often and how long to retry one provider before the chain moves on.
///
/// Retried: timeouts, 5xx and 429. A 429 with `Retry-After` waits exactly that long (when it is at
/// most `maxRetryAfter`; a longer wait gives up on the provider for this request); everything else
/// waits `baseDelay · 2^(attempt−1)`, capped at `maxDelay`, with equal jitter (half fixed, half random).
///
/// ```swift
/// let policy = LLMRetryPolicy(maxAttempts: 3, baseDelay: 1, maxDelay: 10)
/// policy.delay(after: .timeout, attempt: 1, unit: 0.5) // 0.75
/// ```
public struct LLMRetryPolicy: Sendable, Hashable {
    /// Attempts per provider per request, the first included.
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var maxRetryAfter: TimeInterval

    public init(maxAttempts: Int = 3, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30,
                maxRetryAfter: TimeInterval = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.maxRetryAfter = maxRetryAfter
    }

    /// Seconds to wait before attempt `attempt + 1` after `error` ended attempt `attempt`, or `nil`
    /// to stop. `unit` in [0, 1) supplies the jitter.
    public func delay(after error: LLMError, attempt: Int, unit: Double) -> TimeInterval? {
        guard error.isRetryable, attempt < maxAttempts else { return nil }
        if case .rateLimited(let retryAfter?) = error { return retryAfter <= maxRetryAfter ? retryAfter : nil }
        let step = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return step / 2 + step / 2 * min(max(unit, 0), 1)
    }
}
