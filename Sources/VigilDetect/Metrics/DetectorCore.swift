import Foundation

/// What the predictors make of one sample, before learning from it.
struct Observation: Sendable {
    var time: Double
    var value: Double
    /// Forward time since the previous sample (0 when time repeats or goes backwards).
    var elapsed: Double
    /// True when the sample follows a silence much longer than the usual step.
    var gap: Bool
    /// Prediction of the best predictor, and its robust standard deviation.
    var expected: Double
    var sigma: Double
    /// Standardised residual against the best predictor.
    var z: Double
    /// Standardised distance of the deseasonalised value from the long-run level.
    var zLong: Double
    /// The deseasonalised value.
    var deseasonalised: Double
    /// Predictions of every predictor (fast, slow, daily, weekly).
    var predictions: InlineArray<4, Double>
    /// Where the sample falls in the daily and weekly profiles.
    var dailyPhase: SeasonalModel<48>.Phase
    var weeklyPhase: SeasonalModel<168>.Phase
}

/// The predictors of a `SeriesDetector`, their error scales and the clock bookkeeping.
struct DetectorCore: Sendable {
    /// EW rate of the fast level (follows random-walk-like series).
    static let fastRate = 0.25
    /// EW rate of the slow level (best for noisy, level series).
    static let slowRate = 1.0 / 48
    /// Memory, in samples, of the error scales the predictors are compared on.
    static let scaleMemory = 128.0
    /// The calendar periods tried as seasonality.
    static let day = 86_400.0
    static let week = 604_800.0

    private(set) var count = 0
    private var lastTime = -Double.infinity
    /// Typical forward step between samples.
    private var steps = StepEstimate()
    private var fast = 0.0
    private var slow = 0.0
    private var daily = SeasonalModel<48>(period: day)
    private var weekly = SeasonalModel<168>(period: week)
    /// EW mean absolute one-step error of each predictor.
    private var scales = ErrorScales<4>()
    private var primary = 0
    /// Long-run level of the deseasonalised series and its mean absolute deviation.
    private var longLevel = 0.0
    private var longMad = 0.0
    /// Memory, in samples, of the long-run level.
    static let longMemory = 2048.0

    /// Period of the seasonal profile currently used for predictions, if any.
    var period: Double? {
        switch primary {
        case 2: Self.day
        case 3: Self.week
        default: nil
        }
    }

    /// Typical step between samples, in seconds (60 s until known).
    var step: Double { steps.seconds }

    func expectedValue(at t: Double) -> Double? {
        guard count > 0 else { return nil }
        let at = t.isFinite ? t : lastTime
        let p: Double = switch primary {
        case 0: fast
        case 1: slow
        case 2: daily.predict(daily.phase(at: at))
        default: weekly.predict(weekly.phase(at: at))
        }
        return p.isFinite ? p : nil
    }

    @inline(__always)
    private func sigma(_ m: Int) -> Double {
        // 1.2533 turns a mean absolute deviation into a normal standard deviation
        let floor = 1e-9 * max(1, abs(slow))
        return max(1.2533 * scales.mad[m], floor)
    }

    /// Looks at a sample without learning from it (`mutating` only so that the profiles are read in place).
    mutating func observe(time t: Double, value x: Double) -> Observation {
        let elapsed = count > 0 ? max(0, t - lastTime) : 0
        let gap = steps.count >= 8 && elapsed > 8 * step
        var preds = InlineArray<4, Double>(repeating: x)
        let dp = daily.phase(at: t)
        let wp = weekly.phase(at: t)
        if count > 0 {
            preds[0] = fast
            preds[1] = slow
            if daily.isReady { preds[2] = daily.predict(dp) }
            if weekly.isReady { preds[3] = weekly.predict(wp) }
        }
        let s = sigma(primary)
        let expected = preds[primary]
        let xd = x - (primary == 2 ? daily.seasonal(dp) : primary == 3 ? weekly.seasonal(wp) : 0)
        let longSigma = max(1.2533 * longMad, 1e-9 * max(1, abs(longLevel)))
        return Observation(
            time: t, value: x, elapsed: elapsed, gap: gap, expected: expected, sigma: s,
            z: count > 1 ? (x - expected) / s : 0,
            zLong: count > 1 ? (xd - longLevel) / longSigma : 0,
            deseasonalised: xd,
            predictions: preds, dailyPhase: dp, weeklyPhase: wp)
    }

    /// Learns from an observed sample.
    mutating func learn(_ o: Observation) {
        let x = o.value
        defer { count += 1 }
        if count == 0 {
            longLevel = x
            fast = x
            slow = x
            lastTime = o.time
            daily.update(at: o.dailyPhase, value: x, elapsed: 0, clip: .infinity, levelRate: 0, cap: 1)
            weekly.update(at: o.weeklyPhase, value: x, elapsed: 0, clip: .infinity, levelRate: 0, cap: 1)
            return
        }
        steps.observe(elapsed: o.elapsed)
        // the clock follows the samples even backwards, so one wild timestamp cannot freeze it
        lastTime = o.time

        // error scales (robust: errors clipped at 5 scales once a scale exists)
        for m in 0..<4 where m < 2 || (m == 2 ? daily.isReady : weekly.isReady) {
            let e = abs(x - o.predictions[m])
            scales.observe(m, error: e, memory: Self.scaleMemory)
        }
        choosePrimary()
        let longRate = max(1 / Self.longMemory, 1 / Double(count + 1))
        let dl = o.deseasonalised - longLevel
        let clipLong = count > 16 ? 3 * max(longMad, 1e-12) : .infinity
        longLevel += longRate * max(-clipLong, min(clipLong, dl))
        longMad += longRate * (min(abs(dl), count > 16 ? 5 * longMad : .infinity) - longMad)

        // predictors
        let clipFast = 4 * sigma(0)
        fast += Self.fastRate * max(-clipFast, min(clipFast, x - fast))
        let clipSlow = 4 * sigma(1)
        slow += max(Self.slowRate, 1 / Double(count + 1)) * max(-clipSlow, min(clipSlow, x - slow))
        let st = step
        let clipD = daily.isReady ? 4 * sigma(2) : .infinity
        daily.learn(at: o.dailyPhase, value: x, elapsed: o.elapsed, clip: clipD, step: st, capCycles: 8)
        let clipW = weekly.isReady ? 4 * sigma(3) : .infinity
        weekly.learn(at: o.weeklyPhase, value: x, elapsed: o.elapsed, clip: clipW, step: st, capCycles: 4)
    }

    private mutating func choosePrimary() {
        primary = scales.best(from: primary) { m in m < 2 || (m == 2 ? daily.isReady : weekly.isReady) }
    }
}
