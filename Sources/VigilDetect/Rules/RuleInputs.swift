import Foundation

/// One input a rule condition reads.
public enum RuleInput: Sendable, Hashable, CustomStringConvertible {
    /// The newest value of a signal.
    case current(SignalSelector)
    /// The signal's value now and `window` seconds ago.
    case growth(SignalSelector, window: TimeInterval)
    /// The forecast of the signal `horizon` seconds ahead, with its interval.
    case prediction(SignalSelector, horizon: TimeInterval)
    /// The sample values a PromQL query returns (an empty list when it returns nothing).
    case promql(String)

    /// How the input is named in a decision's recorded inputs: `cpu`, `growth(memory, 1h)`,
    /// `predicted(load, 1h)`, `promql(rate(x[5m]) > 3)`.
    public var description: String {
        switch self {
        case .current(let s): s.description
        case .growth(let s, let w): "growth(\(s), \(DurationText.compact(w)))"
        case .prediction(let s, let h): "predicted(\(s), \(DurationText.compact(h)))"
        case .promql(let q): "promql(\(q))"
        }
    }
}

/// The change of a signal over a window.
public struct SignalGrowth: Sendable, Hashable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    /// The change in percent of the starting value (`nil` when the start is 0).
    public var percent: Double? { start == 0 ? nil : (end - start) / abs(start) * 100 }
}

/// Where a condition's inputs come from: metrics history, forecasters, a Prometheus server.
/// Answers `nil` when it has no data; the comparison reading it then does not hold.
///
/// ```swift
/// struct Fixed: RuleInputs {
///     func current(_ s: SignalSelector) -> Double? { s.name == "cpu" ? 93 : nil }
///     func growth(_ s: SignalSelector, over window: TimeInterval) -> SignalGrowth? { nil }
///     func prediction(_ s: SignalSelector, horizon: TimeInterval) -> ForecastPoint? { nil }
///     func promql(_ query: String) -> [Double]? { nil }
/// }
/// let result = try RuleCondition("cpu > 80%").evaluate(Fixed())   // holds, confidence 1
/// ```
///
/// The protocol is synchronous so evaluation stays pure: a server gathers what a condition
/// needs (`RuleCondition.inputs`) asynchronously into a `RuleInputSnapshot` first.
public protocol RuleInputs {
    func current(_ signal: SignalSelector) -> Double?
    func growth(_ signal: SignalSelector, over window: TimeInterval) -> SignalGrowth?
    func prediction(_ signal: SignalSelector, horizon: TimeInterval) -> ForecastPoint?
    func promql(_ query: String) -> [Double]?
}

/// Inputs gathered ahead of evaluation: a value per `RuleInput`.
public struct RuleInputSnapshot: RuleInputs, Sendable, Hashable {
    public var currents: [SignalSelector: Double] = [:]
    public var growths: [RuleInput: SignalGrowth] = [:]
    public var predictions: [RuleInput: ForecastPoint] = [:]
    public var queries: [String: [Double]] = [:]

    public init() {}

    public func current(_ signal: SignalSelector) -> Double? { currents[signal] }
    public func growth(_ signal: SignalSelector, over window: TimeInterval) -> SignalGrowth? {
        growths[.growth(signal, window: window)]
    }
    public func prediction(_ signal: SignalSelector, horizon: TimeInterval) -> ForecastPoint? {
        predictions[.prediction(signal, horizon: horizon)]
    }
    public func promql(_ query: String) -> [Double]? { queries[query] }
}
