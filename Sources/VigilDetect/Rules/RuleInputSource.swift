import Foundation

/// Where a server reads rule inputs from, asynchronously: its metric history, its
/// forecasters, a Prometheus server. `RuleInputSnapshot.gather` asks it for exactly what the
/// rules need, then evaluation runs on the snapshot, synchronously and purely.
///
/// ```swift
/// let snapshot = await RuleInputSnapshot.gather(engine.inputs, from: source)
/// let tick = engine.tick(now: clock.now(), inputs: snapshot)
/// ```
public protocol RuleInputSource: Sendable {
    func current(_ signal: SignalSelector) async -> Double?
    func growth(_ signal: SignalSelector, over window: TimeInterval) async -> SignalGrowth?
    func prediction(_ signal: SignalSelector, horizon: TimeInterval) async -> ForecastPoint?
    func promql(_ query: String) async -> [Double]?
}

extension RuleInputSnapshot {
    /// Reads every input in `needed` from `source`, concurrently; inputs without data stay absent.
    public static func gather(_ needed: [RuleInput], from source: some RuleInputSource) async -> RuleInputSnapshot {
        await withTaskGroup(of: GatheredInput?.self) { group in
            for input in needed {
                group.addTask {
                    switch input {
                    case .current(let s): await source.current(s).map { .current(s, $0) }
                    case .growth(let s, let w): await source.growth(s, over: w).map { .growth(input, $0) }
                    case .prediction(let s, let h): await source.prediction(s, horizon: h).map { .prediction(input, $0) }
                    case .promql(let q): await source.promql(q).map { .promql(q, $0) }
                    }
                }
            }
            var snapshot = RuleInputSnapshot()
            for await answer in group {
                switch answer {
                case .current(let s, let v): snapshot.currents[s] = v
                case .growth(let key, let g): snapshot.growths[key] = g
                case .prediction(let key, let p): snapshot.predictions[key] = p
                case .promql(let q, let values): snapshot.queries[q] = values
                case nil: break
                }
            }
            return snapshot
        }
    }
}

/// One input read by `RuleInputSnapshot.gather`.
private enum GatheredInput: Sendable {
    case current(SignalSelector, Double)
    case growth(RuleInput, SignalGrowth)
    case prediction(RuleInput, ForecastPoint)
    case promql(String, [Double])
}
