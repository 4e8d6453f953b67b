import Foundation

/// Per-minute counts of one template from one service: the last few minutes,
/// a baseline with an hour-of-day profile, and the rhythm of its arrivals.
/// About 450 bytes, whatever the traffic.
struct CountSeries: Sendable, Codable, Hashable {
    /// Lines in the minute being counted.
    var pending: Double = 0
    /// Error lines in that minute (used by the per-service series).
    var pendingErrors: Double = 0
    /// The last closed minutes, oldest first.
    var window: [Double] = []
    var windowErrors: [Double] = []
    /// Closed minutes observed in total.
    var closedMinutes: Int = 0
    /// Baseline: EWMA of per-minute lines and their variance; error lines.
    var mean: Double = 0
    var variance: Double = 0
    var errorMean: Double = 0
    /// Hour-of-day profile (UTC) of per-minute lines and the minutes behind each hour.
    var hourly: [Double] = Array(repeating: 0, count: 24)
    var hourlyMinutes: [Int32] = Array(repeating: 0, count: 24)
    /// Arrivals: last minute with lines, EWMA of gaps between such minutes, their spread, lines per beat.
    var lastActiveMinute: Int64
    var gapMean: Double = 0
    var gapDeviation: Double = 0
    var beats: Int = 0
    var linesPerBeat: Double = 0
    var host: String = ""

    init(minute: Int64) { lastActiveMinute = minute }

    static let alpha = 1.0 / 60        // about an hour of memory
    static let hourAlpha = 1.0 / 180   // about three days of a given hour
    static let gapAlpha = 0.2

    var windowSum: Double { window.reduce(0, +) }
    var windowErrorSum: Double { windowErrors.reduce(0, +) }

    /// Expected lines per minute at `hour`: the hour's profile once two days of it are seen, else the mean.
    func expectedRate(hour: Int) -> Double {
        hourlyMinutes[hour] >= 120 ? hourly[hour] : mean
    }

    /// How much burstier than Poisson the series is (variance over mean, at least 1, at most 50).
    var dispersion: Double {
        guard mean > 0 else { return 1 }
        return min(50, max(1, variance / mean))
    }

    /// Moves the pending minute into the window; returns its line count.
    mutating func closeMinute(_ minute: Int64, windowSize: Int) -> Double {
        let lines = pending
        window.append(lines)
        windowErrors.append(pendingErrors)
        if window.count > windowSize {
            window.removeFirst(window.count - windowSize)
            windowErrors.removeFirst(windowErrors.count - windowSize)
        }
        pending = 0
        pendingErrors = 0
        closedMinutes += 1
        if lines > 0 { recordBeat(minute, lines: lines) }
        return lines
    }

    /// Folds the closed minute into the baseline; slower while an anomaly is open, so it is not learned as normal.
    mutating func learn(lines: Double, errors: Double, hour: Int, damped: Bool) {
        let a = damped ? Self.alpha / 10 : Self.alpha
        if closedMinutes == 1 {
            mean = lines
            errorMean = errors
        } else {
            let d = lines - mean
            mean += a * d
            variance = (1 - a) * (variance + a * d * d)
            errorMean += a * (errors - errorMean)
        }
        let ha = damped ? Self.hourAlpha / 10 : Self.hourAlpha
        hourly[hour] = hourlyMinutes[hour] == 0 ? lines : hourly[hour] + ha * (lines - hourly[hour])
        hourlyMinutes[hour] = min(hourlyMinutes[hour] + 1, Int32.max - 1)
    }

    private mutating func recordBeat(_ minute: Int64, lines: Double) {
        if beats > 0 {
            let gap = Double(minute - lastActiveMinute)
            if beats == 1 {
                gapMean = gap
            } else {
                gapDeviation += Self.gapAlpha * (abs(gap - gapMean) - gapDeviation)
                gapMean += Self.gapAlpha * (gap - gapMean)
            }
            linesPerBeat += Self.gapAlpha * (lines - linesPerBeat)
        } else {
            linesPerBeat = lines
        }
        beats += 1
        lastActiveMinute = minute
    }

    /// Minutes of silence after which a regular, sparse template counts as gone; nil when it is not such a template.
    func heartbeatDeadline(minBeats: Int, maxLinesPerBeat: Double) -> Double? {
        guard beats >= minBeats, linesPerBeat <= maxLinesPerBeat, gapMean >= 1,
              gapDeviation <= 0.25 * gapMean + 0.5 else { return nil }
        return gapMean + max(2 * gapMean, 4 * gapDeviation) + 1
    }

    /// Adds another series' history (a template the miner folded into this one).
    mutating func absorb(_ other: CountSeries) {
        pending += other.pending
        pendingErrors += other.pendingErrors
        if window.count == other.window.count {
            for i in window.indices {
                window[i] += other.window[i]
                windowErrors[i] += other.windowErrors[i]
            }
        }
        mean += other.mean
        variance += other.variance
        errorMean += other.errorMean
        for h in 0..<24 {
            hourly[h] += other.hourly[h]
            hourlyMinutes[h] = max(hourlyMinutes[h], other.hourlyMinutes[h])
        }
        closedMinutes = max(closedMinutes, other.closedMinutes)
        lastActiveMinute = max(lastActiveMinute, other.lastActiveMinute)
        // A merged stream is no longer one heartbeat's rhythm.
        beats = 0
    }
}
