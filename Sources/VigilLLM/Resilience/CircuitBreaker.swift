import Foundation

/// When a breaker opens, how long it stays open, and what closes it again.
/// Defaults follow the user's documents: open after 3 failures, half-open after 60 s, closed after 2 successes.
public struct CircuitBreakerSettings: Sendable, Hashable {
    /// Consecutive failures (while closed) that open the breaker.
    public var failureThreshold: Int
    /// Seconds an open breaker waits before letting a trial request through (half-open).
    public var resetTimeout: TimeInterval
    /// Successes in half-open that close the breaker.
    public var successThreshold: Int

    public init(failureThreshold: Int = 3, resetTimeout: TimeInterval = 60, successThreshold: Int = 2) {
        self.failureThreshold = max(1, failureThreshold)
        self.resetTimeout = max(0, resetTimeout)
        self.successThreshold = max(1, successThreshold)
    }
}

/// A circuit breaker as a pure state machine over explicit times: closed → open after
/// `failureThreshold` consecutive failures → half-open once `resetTimeout` has passed →
/// closed after `successThreshold` successes; any failure in half-open opens it again.
///
/// ```swift
/// var breaker = CircuitBreaker()
/// if breaker.allowsRequest(now: clock.now()) {
///     ok ? breaker.recordSuccess(now: clock.now()) : breaker.recordFailure(now: clock.now())
/// }
/// ```
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case closed, open
        case halfOpen = "half_open"
    }

    public let settings: CircuitBreakerSettings
    public private(set) var state: State = .closed
    /// Consecutive failures while closed; the failure count that opened it while open.
    public private(set) var failures = 0
    /// Successes since the breaker went half-open.
    public private(set) var halfOpenSuccesses = 0
    public private(set) var openedAt: Date?

    public init(settings: CircuitBreakerSettings = CircuitBreakerSettings()) {
        self.settings = settings
    }

    /// When an open breaker will let a trial request through.
    public var nextAttemptAt: Date? {
        state == .open ? openedAt?.addingTimeInterval(settings.resetTimeout) : nil
    }

    /// Whether a request may go out at `now`; moves an open breaker whose timeout passed to half-open.
    public mutating func allowsRequest(now: Date) -> Bool {
        switch state {
        case .closed, .halfOpen:
            return true
        case .open:
            guard let next = nextAttemptAt, now >= next else { return false }
            state = .halfOpen
            halfOpenSuccesses = 0
            return true
        }
    }

    public mutating func recordSuccess(now: Date) {
        switch state {
        case .closed:
            failures = 0
        case .halfOpen:
            halfOpenSuccesses += 1
            if halfOpenSuccesses >= settings.successThreshold {
                state = .closed
                failures = 0
                halfOpenSuccesses = 0
                openedAt = nil
            }
        case .open:
            break  // a late answer to a request sent before it opened
        }
    }

    public mutating func recordFailure(now: Date) {
        switch state {
        case .closed:
            failures += 1
            if failures >= settings.failureThreshold { open(at: now) }
        case .halfOpen:
            failures += 1
            open(at: now)
        case .open:
            break
        }
    }

    private mutating func open(at now: Date) {
        state = .open
        openedAt = now
        halfOpenSuccesses = 0
    }

    /// The breaker as `GET /api/v1/circuit-breakers` shows it.
    public func snapshot(name: String) -> CircuitBreakerSnapshot {
        CircuitBreakerSnapshot(name: name, state: state, failures: failures, openedAt: openedAt,
                               nextAttemptAt: nextAttemptAt)
    }
}

/// One breaker's state for people and the API.
public struct CircuitBreakerSnapshot: Sendable, Hashable, Codable {
    public var name: String
    public var state: CircuitBreaker.State
    public var failures: Int
    public var openedAt: Date?
    public var nextAttemptAt: Date?

    public init(name: String, state: CircuitBreaker.State, failures: Int, openedAt: Date?, nextAttemptAt: Date?) {
        self.name = name
        self.state = state
        self.failures = failures
        self.openedAt = openedAt
        self.nextAttemptAt = nextAttemptAt
    }

    enum CodingKeys: String, CodingKey {
        case name, state, failures, openedAt = "opened_at", nextAttemptAt = "next_attempt_at"
    }
}
