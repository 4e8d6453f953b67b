import Foundation
import Testing
@testable import VigilDetect

@Suite("Rule condition grammar: evaluation over injected inputs")
struct ConditionEvaluationTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    func snapshot(_ currents: [String: Double]) -> RuleInputSnapshot {
        var s = RuleInputSnapshot()
        for (k, v) in currents { s.currents[SignalSelector(k)] = v }
        return s
    }

    @Test("a threshold on the current value holds with certainty, and records its inputs")
    func current() throws {
        let c = try RuleCondition("cpu > 80% for 5 minutes")
        let hot = c.evaluate(snapshot(["cpu": 93]))
        #expect(hot.holds)
        #expect(hot.confidence == 1)
        #expect(hot.value == 93)
        #expect(hot.threshold == 80)
        #expect(hot.inputs == ["cpu": 93])
        let cool = c.evaluate(snapshot(["cpu": 42]))
        #expect(!cool.holds)
        #expect(cool.confidence == 0)
    }

    @Test("missing data makes a comparison not hold and is reported")
    func missing() throws {
        let r = try RuleCondition("cpu > 80 or mem > 1").evaluate(snapshot(["mem": 5]))
        #expect(r.holds)
        #expect(r.missing == ["cpu"])
        let none = try RuleCondition("cpu > 80").evaluate(RuleInputSnapshot())
        #expect(!none.holds)
        #expect(none.missing == ["cpu"])
    }

    @Test("growth is relative against a percentage, absolute otherwise")
    func growth() throws {
        var s = RuleInputSnapshot()
        s.growths[.growth(SignalSelector("memory"), window: 3600)] = SignalGrowth(start: 200, end: 230)
        let relative = try RuleCondition("memory_growth > 10% per hour").evaluate(s)
        #expect(relative.holds)
        #expect(relative.value == 15)
        #expect(relative.inputs == ["growth(memory, 1h)": 15])
        let absolute = try RuleCondition("memory_growth > 50").evaluate(s)
        #expect(!absolute.holds)
        #expect(absolute.value == 30)
        s.growths[.growth(SignalSelector("memory"), window: 1800)] = SignalGrowth(start: 200, end: 212)
        // 6% in 30 minutes against 10% per hour (5% per 30 minutes)
        #expect(try RuleCondition("growth(memory, 30m) > 10% per hour").evaluate(s).holds)
    }

    @Test("a prediction's interval turns into the probability the comparison holds")
    func predictionConfidence() throws {
        var s = snapshot(["current_capacity": 100])
        // 80% interval 120…140 around 130: sigma = 10 / 1.2816; P(load > 120) = Φ(1.2816) = 0.9
        s.predictions[.prediction(SignalSelector("load"), horizon: 3600)] =
            ForecastPoint(time: Self.now, value: 130, lower: 120, upper: 140, coverage: 0.8)
        let r = try RuleCondition("predicted_load > current_capacity * 1.2").evaluate(s)
        #expect(r.holds)
        #expect(abs(r.confidence - 0.9) < 0.001)
        #expect(r.value == 130)
        #expect(r.threshold == 120)
        #expect(r.inputs == ["predicted(load, 1h)": 130, "current_capacity": 100])
        // and takes the smaller confidence, or the larger, not the complement
        let both = try RuleCondition("predicted_load > 120 and current_capacity > 50").evaluate(s)
        #expect(abs(both.confidence - 0.9) < 0.001)
        let either = try RuleCondition("predicted_load > 120 or current_capacity > 500").evaluate(s)
        #expect(abs(either.confidence - 0.9) < 0.001)
        let negated = try RuleCondition("not predicted_load > 120").evaluate(s)
        #expect(!negated.holds)
        #expect(abs(negated.confidence - 0.1) < 0.001)
    }

    @Test("arithmetic follows precedence; division by zero gives no value")
    func arithmetic() throws {
        let s = snapshot(["a": 10, "b": 4, "z": 0])
        #expect(try RuleCondition("a - b * 2 > 1").evaluate(s).holds)
        #expect(try !RuleCondition("(a - b) * 2 > 13").evaluate(s).holds)
        #expect(try RuleCondition("-a < -9").evaluate(s).holds)
        #expect(try RuleCondition("a / b == 2.5").evaluate(s).holds)
        #expect(try !RuleCondition("a / z > 0").evaluate(s).holds)
        #expect(try RuleCondition("a != b").evaluate(s).holds)
        #expect(try RuleCondition("a >= 10 and a <= 10 and a = 10").evaluate(s).holds)
    }

    @Test("PromQL: the boolean form holds when the query returns anything")
    func promql() throws {
        let text = "rate(x[5m]) > 3"
        let c = try RuleCondition("promql: '\(text)' for 2m")
        var s = RuleInputSnapshot()
        s.queries[text] = [4, 7]
        let fires = c.evaluate(s)
        #expect(fires.holds)
        #expect(fires.inputs == ["promql(rate(x[5m]) > 3)": 7])
        s.queries[text] = []
        #expect(!c.evaluate(s).holds)
        s.queries[text] = nil
        let unknown = c.evaluate(s)
        #expect(!unknown.holds)
        #expect(unknown.missing == ["promql(rate(x[5m]) > 3)"])
    }

    @Test("PromQL: the value form compares the largest sample")
    func promqlValue() throws {
        var s = RuleInputSnapshot()
        s.queries["sum(up)"] = [2]
        #expect(try RuleCondition("promql('sum(up)') < 3").evaluate(s).holds)
        s.queries["sum(up)"] = []
        #expect(try !RuleCondition("promql('sum(up)') < 3").evaluate(s).holds)
    }

    @Test("labelled selectors are looked up with their labels")
    func labels() throws {
        var s = RuleInputSnapshot()
        s.currents[SignalSelector("disk_used", labels: ["mount": "/var"])] = 96
        s.currents[SignalSelector("disk_used", labels: ["mount": "/"])] = 10
        #expect(try RuleCondition(#"disk_used{mount="/var"} >= 95%"#).evaluate(s).holds)
        #expect(try !RuleCondition(#"disk_used{mount="/"} >= 95%"#).evaluate(s).holds)
    }
}
