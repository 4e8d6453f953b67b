/// The seasonality of a `Forecaster`, found from the data: additive Holt–Winters with a daily
/// and with a weekly clock-indexed profile (the `SeriesDetector`'s `SeasonalModel`), next to
/// plain Holt without a season. Each profile learns the series minus its own Holt level and
/// slope, so neither a trend nor the level's lag leaks into the profile's shape. The one with
/// the clearly (10%) smallest one-step error is used, as in the detector; its offset is the
/// profile's shape only (bins minus their mean), so the trend stays with the forecaster's line.
struct SeasonChooser: Sendable {
    /// Level and slope (per second) tracked by error correction.
    struct Holt: Sendable {
        var level = 0.0
        var slope = 0.0
        var time = 0.0
        var started = false

        func predict(_ t: Double) -> Double { level + slope * (t - time) }

        mutating func update(time t: Double, value x: Double, alpha: Double, beta: Double, step: Double, clip: Double) {
            guard started else {
                (level, time, started) = (x, t, true)
                return
            }
            let p = predict(t)
            let e = max(-clip, min(clip, x - p))
            level = p + alpha * e
            slope += alpha * beta * e / step
            time = t
        }
    }

    static let beta = 0.05

    private var daily = SeasonalModel<48>(period: DetectorCore.day)
    private var weekly = SeasonalModel<168>(period: DetectorCore.week)
    /// Holt state of: no season, daily, weekly.
    private var holt = InlineArray<3, Holt>(repeating: Holt())
    /// Mean of each profile's bins (refreshed after each sample).
    private var bases = InlineArray<3, Double>(repeating: 0)
    /// EW mean absolute one-step error of each model.
    private var scales = ErrorScales<3>()
    private var chosen = 0
    private var steps = StepEstimate()

    /// Period of the profile in use, if any.
    var period: Double? {
        switch chosen {
        case 1: daily.period
        case 2: weekly.period
        default: nil
        }
    }

    /// The seasonal offset at time `t` (0 when no profile is in use).
    func offset(at t: Double) -> Double { shape(chosen, at: t) }

    private func shape(_ m: Int, at t: Double) -> Double {
        switch m {
        case 1: daily.isReady ? daily.seasonal(daily.phase(at: t)) - bases[1] : 0
        case 2: weekly.isReady ? weekly.seasonal(weekly.phase(at: t)) - bases[2] : 0
        default: 0
        }
    }

    private func ready(_ m: Int) -> Bool {
        m == 0 || (m == 1 ? daily.isReady : weekly.isReady)
    }

    /// Learns from a sample `elapsed` seconds after the previous one.
    mutating func learn(time t: Double, value x: Double, elapsed: Double) {
        steps.observe(elapsed: elapsed)
        let step = steps.seconds
        let alpha = 1 / max(4, DetectorCore.day / step)
        for m in 0..<3 {
            let s = shape(m, at: t)
            let predicted = holt[m].predict(t)
            if ready(m), holt[m].started {
                scales.observe(m, error: abs(x - predicted - s), memory: 256)
            }
            let clip = scales.count(m) > 8 ? 5 * 1.2533 * scales.mad[m] : .infinity
            let detrended = holt[m].started ? x - predicted : 0
            if m == 1 {
                daily.learn(at: daily.phase(at: t), value: detrended, elapsed: elapsed, clip: clip, step: step,
                            capCycles: 8, levelRate: 0)
            } else if m == 2 {
                weekly.learn(at: weekly.phase(at: t), value: detrended, elapsed: elapsed, clip: clip, step: step,
                             capCycles: 4, levelRate: 0)
            }
            holt[m].update(time: t, value: x - s, alpha: alpha, beta: Self.beta, step: step, clip: clip)
        }
        bases[1] = daily.profileMean
        bases[2] = weekly.profileMean
        chosen = scales.best(from: chosen, ready: ready)
    }
}
