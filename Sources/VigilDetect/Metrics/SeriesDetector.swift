import Foundation

/// Online anomaly detector for one metric series.
///
/// Feed samples in arrival order with `score(time:value:)`; every call returns a score in
/// [0, 1] that depends only on that sample and the ones before it. The state is a fixed-size
/// value (about 1.9 KB, no heap: see `MemoryLayout<SeriesDetector>.size`), so a detector per
/// active series is cheap to keep, copy or persist.
///
/// Inside: four predictors compete on recent one-step error — a fast and a slow robust
/// level, and level + daily or level + weekly clock-indexed profiles — so the seasonality is
/// chosen by the data, not configured (`detectedPeriod`). The best one's residuals feed four
/// scorers (spike, level-shift/trend CUSUM, volatility, long-run departure), each calibrated
/// to a tail probability against the series' own past. The score is `1 - p` of the *fresh*
/// evidence: once an episode has raised an alarm (score ≥ 0.99), its following samples only
/// score that high again if the evidence becomes a hundred times stronger, so one incident
/// gives one alarm. Scores are 0 during the first `warmUpSamples` samples.
///
/// There is one configuration, the default: nothing is tuned per series.
public struct SeriesDetector: Sendable {
    /// Samples needed before scores are given.
    public static let warmUpSamples = 96

    var core = DetectorCore()
    var scorers = EvidenceScorers()

    /// Creates a detector with the default (and only) configuration.
    public init() {}

    /// Number of valid samples learnt from.
    public var sampleCount: Int { core.count }

    /// The seasonality found in the data so far: 86 400 s (daily), 604 800 s (weekly), or
    /// `nil` when a seasonal profile does not predict the series better than its level does.
    public var detectedPeriod: TimeInterval? { core.period }

    /// Largest magnitude accepted as a value; anything beyond (or non-finite) is ignored, so
    /// that no arithmetic on the state can overflow.
    public static let valueLimit = 1e100

    /// Scores one sample and learns from it. Non-finite values (and magnitudes past
    /// `valueLimit`) are reported with score 0 and are not learnt from; timestamps that repeat
    /// or go backwards are accepted as zero elapsed time.
    public mutating func score(time: Date, value: Double) -> AnomalyScore {
        let t = time.timeIntervalSince1970
        guard abs(value) <= Self.valueLimit, t.isFinite else {
            return AnomalyScore(
                time: time, observed: value, score: 0, expected: core.expectedValue(at: t),
                band: nil, onset: nil, kind: .none, warmingUp: core.count < Self.warmUpSamples)
        }
        let obs = core.observe(time: t, value: value)
        let verdict = scorers.evaluate(obs, warm: core.count >= Self.warmUpSamples)
        core.learn(obs)
        let low = obs.expected - 3 * obs.sigma
        let high = obs.expected + 3 * obs.sigma
        return AnomalyScore(
            time: time, observed: value, score: verdict.score,
            expected: obs.expected.isFinite ? obs.expected : nil,
            band: low.isFinite && high.isFinite && low <= high ? low...high : nil,
            onset: verdict.onset.map { Date(timeIntervalSince1970: $0) },
            kind: verdict.kind, warmingUp: core.count <= Self.warmUpSamples)
    }
}
