/// An additive level + seasonal-profile predictor (Holt–Winters without trend) whose
/// profile is indexed by clock time: `n` bins over one `period`, read and updated with
/// linear interpolation between bin centres, so any sampling step works.
///
/// Each bin is a running mean of its residuals until it has seen `cap` updates, then an
/// exponentially weighted one, so a new profile is learnt in one period and then adapts
/// slowly. Residuals are clipped before updating, so outliers do not bend the profile.
struct SeasonalModel<let n: Int>: Sendable {
    /// Period in seconds.
    let period: Double
    private var profile = InlineArray<n, Float>(repeating: 0)
    private var visits = InlineArray<n, UInt8>(repeating: 0)
    /// Deseasonalised level.
    private(set) var level: Double = 0
    /// Time covered since the first sample (seconds), to know when a period has been seen.
    private(set) var covered: Double = 0
    private var started = false

    init(period: Double) {
        self.period = period
    }

    /// True once more than one full period has been observed.
    var isReady: Bool { covered >= 1.1 * period }

    /// Where a time falls in the profile: the two bins around it and the weight of the second.
    struct Phase: Sendable {
        var i0: Int
        var i1: Int
        var w: Float
    }

    /// Locates time `t` (any finite value) in the profile.
    @inline(__always)
    func phase(at t: Double) -> Phase {
        let cycles = t / period
        let u = (cycles - cycles.rounded(.down)) * Double(n) - 0.5
        let f = u.rounded(.down)
        var i0 = Int(f)
        if i0 < 0 { i0 += n }
        if i0 >= n { i0 -= n }
        let i1 = i0 + 1 == n ? 0 : i0 + 1
        return Phase(i0: i0, i1: i1, w: Float(u - f))
    }

    /// Seasonal offset at a phase.
    @inline(__always)
    func seasonal(_ p: Phase) -> Double {
        let bins = profile.span
        return Double(bins[p.i0] * (1 - p.w) + bins[p.i1] * p.w)
    }

    /// Mean of the profile's bins: the part of `seasonal` that is level, not shape.
    var profileMean: Double {
        var sum: Float = 0
        for i in 0..<n { sum += profile[i] }
        return Double(sum) / Double(n)
    }

    /// Expected value at a phase.
    @inline(__always)
    func predict(_ p: Phase) -> Double {
        level + seasonal(p)
    }

    /// Learns from a sample. `elapsed` is the forward time since the previous sample,
    /// `clip` bounds the residual used for learning, `levelRate` is the level's EW rate and
    /// `cap` the number of updates after which a bin stops averaging and starts forgetting.
    mutating func update(at p: Phase, value x: Double, elapsed: Double, clip: Double, levelRate: Double, cap: Int) {
        guard started else {
            level = x
            started = true
            return
        }
        covered += min(elapsed, period)
        let i0 = p.i0, i1 = p.i1, w = p.w
        let s = Double(profile[i0] * (1 - w) + profile[i1] * w)
        let r = max(-clip, min(clip, x - level - s))
        level += levelRate * r
        // the part not absorbed by the level goes to the profile
        let rs = Float(max(-clip, min(clip, x - level - s)))
        let c = UInt8(max(1, min(255, cap)))
        if w < 0.75 {
            let v = visits[i0] < c ? visits[i0] &+ 1 : c
            visits[i0] = v
            profile[i0] += rs * (1 - w) / Float(v)
        }
        if w > 0.25 {
            let v = visits[i1] < c ? visits[i1] &+ 1 : c
            visits[i1] = v
            profile[i1] += rs * w / Float(v)
        }
    }

    /// Learns with the rates that suit a series sampled every `step` seconds: the level follows
    /// about a quarter period (unless `levelRate` is given), and each bin averages over
    /// `capCycles` periods before it starts forgetting.
    mutating func learn(at p: Phase, value x: Double, elapsed: Double, clip: Double, step: Double, capCycles: Double,
                        levelRate: Double? = nil) {
        update(at: p, value: x, elapsed: elapsed, clip: clip,
               levelRate: levelRate ?? 1 / min(500, max(4, period / 4 / step)),
               cap: Int(min(255, max(2, capCycles * period / Double(n) / step))))
    }
}
