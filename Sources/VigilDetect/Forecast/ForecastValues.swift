import Foundation

/// A forecast value with a central prediction interval.
public struct ForecastPoint: Sendable, Hashable, Codable {
    public var time: Date
    public var value: Double
    public var lower: Double
    public var upper: Double
    /// The probability the interval is meant to hold (0.8 for an 80% interval).
    public var coverage: Double

    public init(time: Date, value: Double, lower: Double, upper: Double, coverage: Double) {
        self.time = time
        self.value = value
        self.lower = lower
        self.upper = upper
        self.coverage = coverage
    }

    /// Standard deviation implied by the interval (normal approximation).
    public var standardDeviation: Double {
        (upper - lower) / (2 * NormalDistribution.halfWidth(coverage: coverage))
    }
}

/// A fitted linear trend.
public struct Trend: Sendable, Hashable {
    /// Value of the trend (with its season) at the newest sample.
    public var level: Double
    /// Units per second, and its standard error.
    public var slope: Double
    public var slopeError: Double
    /// Number of buckets the line was fitted on.
    public var points: Int
}

/// The bound a series must not cross: a capacity above (used bytes, memory) or a floor below
/// (free bytes, free inodes).
public enum ExhaustionLimit: Sendable, Hashable, Codable {
    case above(Double)
    case below(Double)

    var value: Double {
        switch self {
        case .above(let v), .below(let v): v
        }
    }

    /// +1 when the series exhausts by rising, -1 by falling.
    var sign: Double {
        switch self {
        case .above: 1
        case .below: -1
        }
    }
}

/// When a series is expected to reach its limit, with an interval.
public struct Exhaustion: Sendable, Hashable {
    public var limit: ExhaustionLimit
    /// The newest sample's time: the ETA counts from here.
    public var from: Date
    /// Seconds until the trend reaches the limit (0 when already there).
    public var eta: TimeInterval
    /// The interval's bounds in seconds; `upper` is `nil` when beyond the forecasting horizon.
    public var lower: TimeInterval
    public var upper: TimeInterval?
    public var coverage: Double
    /// The trend's slope, in units per second.
    public var rate: Double

    /// When the limit is reached.
    public var at: Date { from.addingTimeInterval(eta) }

    /// "reaches the limit in 5 h 20 m, 80% interval 4 h 10 m–7 h".
    public var summary: String {
        if eta == 0 { return "at the limit now" }
        let percent = Int((coverage * 100).rounded())
        let high = upper.map(DurationText.format) ?? "beyond the horizon"
        return "reaches the limit in \(DurationText.format(eta)), \(percent)% interval "
            + "\(DurationText.format(lower))–\(high)"
    }
}

/// Short human durations: `45 s`, `12 m`, `5 h 20 m`, `3 d 4 h` (two units at most).
public enum DurationText {
    public static func format(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite else { return "∞" }
        let s = Int(max(0, seconds).rounded())
        let units: [(String, Int)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        guard let first = units.firstIndex(where: { s >= $0.1 }) else { return "0 s" }
        let (name, size) = units[first]
        var text = "\(s / size) \(name)"
        if first + 1 < units.count {
            let (next, nextSize) = units[first + 1]
            let rest = (s % size) / nextSize
            if rest > 0 { text += " \(rest) \(next)" }
        }
        return text
    }

    /// The compact form used in expressions: `90s`, `5m`, `1h`, `1h30m`, `2d`.
    public static func compact(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 1, seconds == seconds.rounded() else { return "\(seconds.formatted)s" }
        var rest = Int(seconds)
        var text = ""
        for (name, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(name)"
            rest %= size
        }
        return text
    }
}
