import Foundation

/// What kind of departure from normal behaviour drove a metric anomaly score.
public enum AnomalyKind: String, Sendable, Equatable, Codable {
    /// Nothing unusual (or not enough history yet).
    case none
    /// A single sample far from the expected value.
    case spike
    /// A sustained move of the series away from its expected level.
    case levelShift
    /// A change of slope: the series drifts away from its usual course.
    case trendChange
    /// The series became noisier than usual.
    case volatility
}

/// The verdict of a `SeriesDetector` on one sample, with the evidence behind it.
public struct AnomalyScore: Sendable, Equatable {
    /// Time of the sample as given to the detector.
    public var time: Date
    /// The value observed (possibly non-finite when the input was rejected).
    public var observed: Double
    /// Anomaly score in [0, 1]: `1 - p`, where `p` is the estimated probability, under the
    /// series' own past behaviour, of fresh evidence at least this strong (evidence already
    /// reported for the current episode is discounted). 0.99 and above is an alarm.
    public var score: Double
    /// The value the detector expected at this time (level plus seasonal profile); `nil` before any history.
    public var expected: Double?
    /// Band of usual values around `expected` (about ±3 robust standard deviations); `nil` before any history.
    public var band: ClosedRange<Double>?
    /// Start of the current anomalous episode, when the sample belongs to one.
    public var onset: Date?
    /// The scorer that carried the most evidence.
    public var kind: AnomalyKind
    /// True while the detector is still learning the series (the score is then 0).
    public var warmingUp: Bool

    /// Creates a verdict.
    public init(
        time: Date, observed: Double, score: Double, expected: Double?, band: ClosedRange<Double>?,
        onset: Date?, kind: AnomalyKind, warmingUp: Bool
    ) {
        self.time = time
        self.observed = observed
        self.score = score
        self.expected = expected
        self.band = band
        self.onset = onset
        self.kind = kind
        self.warmingUp = warmingUp
    }
}
