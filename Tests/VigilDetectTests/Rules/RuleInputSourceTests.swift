import Foundation
import Testing
import VigilCore
@testable import VigilDetect

@Suite("Gathering rule inputs from an async source")
struct RuleInputSourceTests {
    struct Source: RuleInputSource {
        func current(_ signal: SignalSelector) async -> Double? { signal.name == "cpu" ? 93 : nil }
        func growth(_ signal: SignalSelector, over window: TimeInterval) async -> SignalGrowth? {
            window == 3600 ? SignalGrowth(start: 100, end: 120) : nil
        }
        func prediction(_ signal: SignalSelector, horizon: TimeInterval) async -> ForecastPoint? {
            ForecastPoint(time: Date(timeIntervalSince1970: horizon), value: 130, lower: 120, upper: 140, coverage: 0.8)
        }
        func promql(_ query: String) async -> [Double]? { query == "up == 0" ? [] : [5] }
    }

    @Test("exactly what the rules need is read, and evaluation sees it")
    func gather() async throws {
        var engine = RuleEngine()
        try engine.upsert(.init(name: "a", condition: "cpu > 80% and memory_growth > 10% per hour", action: "x"))
        try engine.upsert(.init(name: "b", condition: "predicted_load > 125 or promql: 'up == 0'", action: "y"))
        try engine.upsert(.init(name: "c", condition: "disk > 1 and growth(disk, 2h) > 0", action: "z"))
        let snapshot = await RuleInputSnapshot.gather(engine.inputs, from: Source())
        #expect(snapshot.currents == [SignalSelector("cpu"): 93])
        #expect(snapshot.growths.count == 1)
        #expect(snapshot.predictions[.prediction(SignalSelector("load"), horizon: 3600)]?.value == 130)
        #expect(snapshot.queries == ["up == 0": []])
        let tick = engine.tick(now: Date(timeIntervalSince1970: 1_700_000_000), inputs: snapshot)
        #expect(tick.decisions.map(\.ruleID) == ["a", "b"])
        #expect(engine.lastEvaluation(of: "c")?.missing == ["disk", "growth(disk, 2h)"])
    }
}
