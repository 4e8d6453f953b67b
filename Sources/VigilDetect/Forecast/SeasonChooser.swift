/// The seasonality of a `Forecaster`, found from the data: a daily and a weekly clock-indexed
/// profile (the `SeriesDetector`'s `SeasonalModel`), each learning the series minus its own
/// slow level (exponentially smoothed over about one period of the profile, so the level does
/// not chase the season), next to a plain level without a season. The model with the clearly
/// (10%) smallest error *hours ahead* is used: each is scored against its level as it was up
/// to `lead` earlier — one step ahead, a weekday/weekend pattern hardly shows. Its offset is the
/// profile's shape only (bins minus their mean), so a trend stays with the forecaster's line.
///
/// The levels have no slope on purpose: a slope fed by a season the profile does not explain
/// yet runs away with it.
struct SeasonChooser: Sendable {
    /// How far ahead the models are scored: the level snapshots are renewed this often.
    static let lead = 6.0 * 3600

    private var daily = SeasonalModel<48>(period: DetectorCore.day)
    private var weekly = SeasonalModel<168>(period: DetectorCore.week)
    /// Level of: no season, daily, weekly (NaN before the first sample).
    private var levels = InlineArray<3, Double>(repeating: .nan)
    /// Each model's level as it was up to `lead` ago, and when it was taken.
    private var snapshots = InlineArray<3, Double>(repeating: .nan)
    private var snapshotTime = -Double.infinity
    /// Mean of each profile's bins (refreshed after each sample).
    private var bases = InlineArray<3, Double>(repeating: 0)
    /// EW mean absolute error of each model, `lead` ahead at most.
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
        let renew = t - snapshotTime >= Self.lead
        if renew { snapshotTime = t }
        for m in 0..<3 {
            // the level follows about one period of its model (a day for the plain one)
            let alpha = 1 / max(4, (m == 2 ? DetectorCore.week : DetectorCore.day) / step)
            let s = shape(m, at: t)
            if ready(m), !snapshots[m].isNaN {
                scales.observe(m, error: abs(x - snapshots[m] - s), memory: 256)
            }
            let clip = scales.count(m) > 8 ? 5 * 1.2533 * scales.mad[m] : .infinity
            let detrended = levels[m].isNaN ? 0 : x - levels[m]
            if m == 1 {
                daily.learn(at: daily.phase(at: t), value: detrended, elapsed: elapsed, clip: clip, step: step,
                            capCycles: 8, levelRate: 0)
            } else if m == 2 {
                weekly.learn(at: weekly.phase(at: t), value: detrended, elapsed: elapsed, clip: clip, step: step,
                             capCycles: 4, levelRate: 0)
            }
            let e = x - s - levels[m]
            levels[m] = levels[m].isNaN ? x - s : levels[m] + alpha * max(-clip, min(clip, e))
            if renew { snapshots[m] = levels[m] }
        }
        bases[1] = daily.profileMean
        bases[2] = weekly.profileMean
        chosen = scales.best(from: chosen, ready: ready)
    }
}
