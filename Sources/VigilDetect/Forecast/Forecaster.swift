import Foundation

/// Online trend + seasonal forecaster for one metric series, with prediction intervals and
/// time-to-exhaustion.
///
/// ```swift
/// var f = Forecaster(window: 6 * 3600)
/// for s in samples { f.observe(time: s.time, value: s.value) }
/// let in1h = f.forecast(at: now.addingTimeInterval(3600))          // value with an 80% band
/// let full = f.exhaustion(of: .above(100))                          // nil when flat or falling
/// print(full?.summary ?? "no exhaustion in sight")                  // "reaches the limit in 5 h 20 m, 80% interval 4 h–7 h"
/// ```
///
/// Inside: the deseasonalised samples are averaged into 48 time buckets spanning `window`; the
/// trend is a Theil–Sen line through the bucket means (robust to outliers), or through a recent
/// stretch of them when the newest sixth of the window disagrees significantly with the whole
/// (a change of course). Standard errors are widened for correlated residuals, so a slow
/// wobble does not pass for a trend. Seasonality is found from the data as in `SeriesDetector`:
/// daily and weekly clock-indexed profiles learn the series and one is used only when it
/// predicts better than no profile at all; its shape is taken out before the trend is fitted.
///
/// The state is a fixed-size value (no heap; `Forecaster.stateBytes`: 2,560 bytes — 1.2 KB of
/// trend buckets, 1.1 KB of daily and weekly profiles), so one per series with a limit is cheap.
public struct Forecaster: Sendable {
    /// Number of trend buckets across the window.
    public static let bucketCount = 48
    /// How many standard errors the slope must be from zero for the series to count as moving
    /// towards a limit (below that it is flat, and there is no ETA).
    public static let trendSignificance = 3.0
    /// Bytes of state per series.
    public static var stateBytes: Int { MemoryLayout<Forecaster>.size }

    /// The span of recent history the trend is fitted on, in seconds.
    public let window: TimeInterval
    var buckets: TrendBuckets<48>
    var seasons = SeasonChooser()
    /// The trend fitted when the last bucket closed (the noise scale is measured against it).
    private var fit: TrendFit?
    /// EW mean absolute deviation of samples from the fitted trend, and how many it has seen.
    private var noise = 0.0
    private var noiseCount = 0
    /// Time of the newest sample (seconds since 1970).
    private var lastTime = -Double.infinity
    /// Number of samples learnt from.
    public private(set) var sampleCount = 0

    /// A forecaster fitting its trend over the last `window` seconds. The default, two days,
    /// holds a daily season twice — over a single period an imperfect profile's leftover
    /// wobble passes for a slope — while a recent change of course is still followed within
    /// hours (see `currentFit`).
    public init(window: TimeInterval = 2 * 86_400) {
        self.window = max(window, 1)
        buckets = TrendBuckets(width: self.window / Double(Self.bucketCount))
    }

    /// The seasonality found in the data so far (86 400 or 604 800 s), or `nil`.
    public var seasonality: TimeInterval? { seasons.period }

    /// Time of the newest sample.
    public var lastSampleTime: Date? { sampleCount > 0 ? Date(timeIntervalSince1970: lastTime) : nil }

    /// Learns from one sample. Non-finite values and samples older than the window are ignored.
    public mutating func observe(time: Date, value: Double) {
        let t = time.timeIntervalSince1970
        guard t.isFinite, value.isFinite, abs(value) <= SeriesDetector.valueLimit else { return }
        let elapsed = sampleCount > 0 ? max(0, t - lastTime) : 0
        seasons.learn(time: t, value: value, elapsed: elapsed)
        let deseasonalised = value - seasons.offset(at: t)
        if let fit {
            let e = abs(deseasonalised - fit.value(at: t))
            noiseCount += 1
            let clipped = noiseCount > 16 ? min(e, 5 * noise) : e
            noise += max(1 / 256, 1 / Double(noiseCount)) * (clipped - noise)
        }
        if buckets.add(time: t, value: deseasonalised) || fit == nil {
            fit = currentFit
        }
        lastTime = max(lastTime, t)
        sampleCount += 1
    }

    /// Standard errors by which a stretch of the window must disagree with its most recent
    /// sixth (in level or slope) to count as a different course.
    static let changeSignificance = 4.0
    /// Suffix lengths (in buckets) tried, longest first, after the whole window.
    static let suffixes = [36, 24, 16, 12]

    /// The trend through the window, including the bucket still filling — or, when the series
    /// changed course (a disk that started filling two hours ago, a clean-up that dropped the
    /// level), through the longest recent stretch that agrees with the most recent sixth of it.
    var currentFit: TrendFit? {
        let points = buckets.points
        guard let full = TrendFit(points: points) else { return nil }
        let shortest = Self.bucketCount / 6
        guard points.count >= 2 * shortest, let reference = TrendFit(points: Array(points.suffix(shortest))) else {
            return full
        }
        let noise = max(TrendFit.neighbourNoise(points.map(\.value)), reference.sigma, full.sigma)
        if full.agrees(with: reference, within: Self.changeSignificance, noise: noise) { return full }
        for length in Self.suffixes where length < points.count {
            if let candidate = TrendFit(points: Array(points.suffix(length))),
               candidate.agrees(with: reference, within: Self.changeSignificance, noise: noise) {
                return candidate
            }
        }
        return reference
    }

    /// Robust standard deviation of single samples around the trend (and season).
    var sampleSigma: Double { 1.2533 * noise }

    /// The fitted trend now: its level at the newest sample and its slope with a standard error.
    public var trend: Trend? {
        guard let f = currentFit else { return nil }
        return Trend(level: f.value(at: lastTime) + seasons.offset(at: lastTime), slope: f.slope,
                     slopeError: f.slopeError, points: f.count)
    }

    /// The expected value at `time` with a central interval holding `coverage` of the probability
    /// for a single sample there; `nil` until three buckets hold data.
    public func forecast(at time: Date, coverage: Double = 0.8) -> ForecastPoint? {
        currentFit.map { forecast(at: time, coverage: coverage, fit: $0) }
    }

    /// Forecasts at `steps` evenly spaced times after the newest sample, up to `horizon` seconds ahead.
    public func forecast(horizon: TimeInterval, steps: Int, coverage: Double = 0.8) -> [ForecastPoint] {
        guard steps > 0, let f = currentFit else { return [] }
        return (1...steps).map { i in
            forecast(at: Date(timeIntervalSince1970: lastTime + horizon * Double(i) / Double(steps)), coverage: coverage, fit: f)
        }
    }

    private func forecast(at time: Date, coverage: Double, fit f: TrendFit) -> ForecastPoint {
        let t = time.timeIntervalSince1970
        let mean = f.value(at: t) + seasons.offset(at: t)
        let se = f.standardError(at: t)
        let sd = (se * se + sampleSigma * sampleSigma).squareRoot()
        let z = NormalDistribution.halfWidth(coverage: coverage)
        return ForecastPoint(time: time, value: mean, lower: mean - z * sd, upper: mean + z * sd, coverage: coverage)
    }

    /// When the series' trend (with its season) reaches `limit`, with a central interval holding
    /// `coverage`; `nil` when the trend is not significantly moving towards the limit (flat —
    /// within `trendSignificance` standard errors of zero — or moving away) or will not reach it within `horizon` seconds. The interval reflects the
    /// uncertainty of the fitted trend, not single-sample noise.
    public func exhaustion(of limit: ExhaustionLimit, coverage: Double = 0.8,
                           horizon: TimeInterval = 90 * 86_400) -> Exhaustion? {
        guard let f = currentFit else { return nil }
        let z = NormalDistribution.halfWidth(coverage: coverage)
        let sign = limit.sign
        let now = lastTime
        func gap(_ t: Double) -> Double { sign * (f.value(at: t) + seasons.offset(at: t) - limit.value) }
        let search = CrossingSearch(start: now, horizon: horizon, seasonal: seasons.period)
        let from = Date(timeIntervalSince1970: now)
        if gap(now) >= 0 {
            return Exhaustion(limit: limit, from: from, eta: 0, lower: 0, upper: 0, coverage: coverage, rate: f.slope)
        }
        guard sign * f.slope > Self.trendSignificance * f.slopeError, let point = search.first(where: { gap($0) >= 0 }) else {
            return nil
        }
        let early = search.first { gap($0) + z * f.standardError(at: $0) >= 0 } ?? point
        let late = search.first { gap($0) - z * f.standardError(at: $0) >= 0 }
        return Exhaustion(limit: limit, from: from, eta: point, lower: min(early, point),
                          upper: late.map { max($0, point) }, coverage: coverage, rate: f.slope)
    }
}
