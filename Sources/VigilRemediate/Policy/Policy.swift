import Foundation
import VigilCore

/// A self-healing policy: when a plan may run without a person approving it.
///
/// ```swift
/// let policy = Policy(name: "restart-at-night", maxRisk: .reversible, minConfidence: 0.6,
///                     windows: [TimeWindow(days: [1, 2, 3, 4, 5], start: 0, end: 6 * 60)])
/// ```
public struct Policy: Sendable, Hashable {
    public var name: String
    /// The riskiest plan it may approve.
    public var maxRisk: Risk
    /// The plan's confidence must be at least this.
    public var minConfidence: Double
    /// No automatic run on a host that had a run within this many seconds.
    public var cooldown: TimeInterval
    /// At most this many runs touching one host in the last hour (the new one included).
    public var maxRunsPerHostPerHour: Int
    /// At most this many distinct hosts in one plan.
    public var maxBlastRadius: Int
    /// When automatic runs are allowed; empty means always.
    public var windows: [TimeWindow]
    /// Only plans for these causes / from these runbooks, when given.
    public var causes: [CauseKind]
    public var runbooks: [String]

    public init(name: String, maxRisk: Risk = .reversible, minConfidence: Double = 0.8, cooldown: TimeInterval = 900,
                maxRunsPerHostPerHour: Int = 3, maxBlastRadius: Int = 1, windows: [TimeWindow] = [],
                causes: [CauseKind] = [], runbooks: [String] = []) {
        self.name = name
        self.maxRisk = maxRisk
        self.minConfidence = minConfidence
        self.cooldown = cooldown
        self.maxRunsPerHostPerHour = maxRunsPerHostPerHour
        self.maxBlastRadius = maxBlastRadius
        self.windows = windows
        self.causes = causes
        self.runbooks = runbooks
    }
}

/// Days and a time-of-day range in a fixed UTC offset: `Mon–Fri 22:00–06:00 +03:00`.
///
/// `start`/`end` are minutes after local midnight; `end < start` wraps past midnight, and the
/// part after midnight belongs to the day the window started (Friday 22:00–06:00 covers Saturday
/// 03:00). `start == end` is the whole day.
public struct TimeWindow: Sendable, Hashable {
    /// ISO weekdays, 1 = Monday … 7 = Sunday; empty means every day.
    public var days: Set<Int>
    public var start: Int
    public var end: Int
    /// Seconds east of UTC.
    public var utcOffset: Int

    public init(days: Set<Int> = [], start: Int, end: Int, utcOffset: Int = 0) {
        self.days = days
        self.start = start
        self.end = end
        self.utcOffset = utcOffset
    }

    public func contains(_ date: Date) -> Bool {
        let local = Int((date.timeIntervalSince1970 + Double(utcOffset)).rounded(.down))
        let dayNumber = Int((Double(local) / 86_400).rounded(.down))
        let minute = (local - dayNumber * 86_400) / 60
        // 1970-01-01 was a Thursday (ISO 4)
        func weekday(_ day: Int) -> Int { ((day + 3) % 7 + 7) % 7 + 1 }
        func dayAllowed(_ day: Int) -> Bool { days.isEmpty || days.contains(weekday(day)) }
        if start == end { return dayAllowed(dayNumber) }
        if start < end { return minute >= start && minute < end && dayAllowed(dayNumber) }
        if minute >= start { return dayAllowed(dayNumber) }
        return minute < end && dayAllowed(dayNumber - 1)
    }
}
