import Foundation

/// The time source every time-based part takes, so tests can drive time.
///
/// ```swift
/// struct Ticker<C: WallClock> { let clock: C }
/// let t = Ticker(clock: SystemClock())
/// ```
public protocol WallClock: Sendable {
    func now() -> Date
    /// Suspends for `duration` of this clock's time; throws when cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let (s, atto) = components
        return TimeInterval(s) + TimeInterval(atto) / 1e18
    }

    public init(timeInterval: TimeInterval) {
        self = .nanoseconds(Int64((timeInterval * 1e9).rounded()))
    }
}
