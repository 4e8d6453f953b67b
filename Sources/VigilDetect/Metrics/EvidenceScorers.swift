import Foundation

/// The anomaly scorers fed by a `DetectorCore`'s residuals, their calibration and the
/// per-episode reporting.
///
/// Four statistics, each turned into a tail probability by its own `TailCalibrator`:
/// - spike: |z| of the best predictor's residual;
/// - level shift / trend change: two-sided CUSUM of that residual (a ramp leaves a
///   persistent one-signed residual, so the CUSUM grows with it);
/// - volatility: EW mean of z² over about 12 samples;
/// - long-run departure: distance of the deseasonalised value from a slow (≈2,000-sample)
///   robust level, for slow drifts that the fast predictors follow.
/// The smallest probability (times 4, for the four looks) is the sample's surprise,
/// `-log10 p`. An alarm is a sample whose surprise exceeds what was already reported by
/// `alarmLevel` (p < 1 %); the reported evidence then fades by `episodeFade` per sample,
/// so one episode raises one alarm unless it becomes a hundred times more extreme.
struct EvidenceScorers: Sendable {
    struct Verdict {
        var score: Double
        var onset: Double?
        var kind: AnomalyKind
    }

    /// CUSUM allowance per sample, in standard deviations.
    static let cusumSlack = 0.5
    /// Residuals are clipped to this many standard deviations before entering the CUSUM.
    static let cusumClip = 4.0
    /// EW rate of the volatility statistic.
    static let volatilityRate = 1.0 / 12
    /// log10 surprise above which a sample starts (or belongs to) an episode.
    static let episodeLevel = 1.5
    /// Fresh log10 surprise at which a sample is taken as reported (an alarm).
    static let alarmLevel = 2.0
    /// How fast the memory of a reported episode fades (log10 units per sample).
    static let episodeFade = 0.02

    private var up = 0.0
    private var down = 0.0
    private var upStart = 0.0
    private var downStart = 0.0
    private var volatility = 1.0
    private var spikeCal = TailCalibrator()
    private var shiftCal = TailCalibrator()
    private var volCal = TailCalibrator()
    private var longCal = TailCalibrator()
    private var reported = 0.0
    private var episodeStart: Double?
    private var seen = 0

    /// Samples after which the residual scales are trusted enough to calibrate on.
    static let settle = 48

    mutating func evaluate(_ o: Observation, warm: Bool) -> Verdict {
        seen += 1
        guard seen > Self.settle else { return Verdict(score: 0, onset: nil, kind: .none) }
        if o.gap {
            up = 0
            down = 0
        }
        let zs = max(-50, min(50, o.z))
        let zr = max(-Self.cusumClip, min(Self.cusumClip, o.z))
        if up == 0 { upStart = o.time }
        if down == 0 { downStart = o.time }
        up = max(0, up + zr - Self.cusumSlack)
        down = max(0, down - zr - Self.cusumSlack)
        volatility += Self.volatilityRate * (min(zs * zs, 100) - volatility)

        let spike = abs(zs)
        let shift = max(up, down)
        let pSpike = spikeCal.tailProbability(spike)
        let pShift = shiftCal.tailProbability(shift)
        let pVol = volCal.tailProbability(volatility)
        let extreme = abs(o.zLong)
        let pLong = longCal.tailProbability(extreme)
        spikeCal.observe(spike)
        shiftCal.observe(shift)
        volCal.observe(volatility)
        longCal.observe(extreme)
        guard warm else { return Verdict(score: 0, onset: nil, kind: .none) }

        var kind = AnomalyKind.spike
        var p = pSpike
        if pShift < p { p = pShift; kind = .levelShift }
        if pVol < p { p = pVol; kind = .volatility }
        if pLong < p { p = pLong; kind = .levelShift }
        let surprise = p * 4 < 1 ? -log10(max(p * 4, 1e-300)) : 0

        // per-episode reporting: evidence already reported is subtracted
        let fresh = max(0, surprise - reported)
        if fresh >= Self.alarmLevel {
            reported = surprise
        } else {
            reported = max(0, reported - Self.episodeFade)
        }
        if surprise >= Self.episodeLevel {
            if episodeStart == nil {
                switch kind {
                case .levelShift: episodeStart = up >= down ? upStart : downStart
                default: episodeStart = o.time
                }
            }
        } else if reported == 0 {
            episodeStart = nil
        }
        let score = fresh > 0 ? 1 - pow(10, -fresh) : 0
        return Verdict(score: score, onset: episodeStart, kind: surprise >= Self.episodeLevel ? kind : .none)
    }
}
