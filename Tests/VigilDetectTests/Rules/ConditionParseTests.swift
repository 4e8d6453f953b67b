import Foundation
import Testing
@testable import VigilDetect

@Suite("Rule condition grammar: parsing")
struct ConditionParseTests {
    @Test("the documents' examples parse, with their inputs and durations")
    func documentExamples() throws {
        let cpu = try RuleCondition("cpu > 80% for 5 minutes")
        #expect(cpu.holdFor == 300)
        #expect(cpu.inputs == [.current(SignalSelector("cpu"))])
        #expect(cpu.expression == .comparison(.greater, .signal(SignalSelector("cpu")), .number(80, percent: true)))

        let leak = try RuleCondition("memory_growth > 10% per hour")
        #expect(leak.holdFor == 0)
        #expect(leak.inputs == [.growth(SignalSelector("memory"), window: 3600)])
        #expect(leak.expression == .comparison(.greater, .growth(SignalSelector("memory"), window: 3600, relative: true),
                                               .number(10, percent: true)))

        let scaling = try RuleCondition("predicted_load > current_capacity * 1.2")
        #expect(scaling.inputs == [.prediction(SignalSelector("load"), horizon: 3600), .current(SignalSelector("current_capacity"))])
    }

    @Test("durations: short and long units, compound, plain seconds, Russian")
    func durations() throws {
        #expect(try RuleCondition("cpu > 1 for 5m").holdFor == 300)
        #expect(try RuleCondition("cpu > 1 for 1h30m").holdFor == 5400)
        #expect(try RuleCondition("cpu > 1 for 90s").holdFor == 90)
        #expect(try RuleCondition("cpu > 1 for 300").holdFor == 300)
        #expect(try RuleCondition("cpu > 1 for 2 hours").holdFor == 7200)
        #expect(try RuleCondition("cpu > 80% for 5 минут").holdFor == 300)
        #expect(try RuleCondition("cpu > 1 FOR 1d").holdFor == 86_400)
    }

    @Test("units scale literals to seconds and bytes")
    func units() throws {
        let disk = try RuleCondition("disk_free < 10 GB")
        #expect(disk.expression == .comparison(.less, .signal(SignalSelector("disk_free")), .number(1e10, percent: false)))
        let latency = try RuleCondition("latency > 200ms")
        #expect(latency.expression == .comparison(.greater, .signal(SignalSelector("latency")), .number(0.2, percent: false)))
        let big = try RuleCondition("bytes_in > 2.5e6 and errors < 1E-3 and count > 1_000")
        #expect(big.expression == .and(.and(
            .comparison(.greater, .signal(SignalSelector("bytes_in")), .number(2.5e6, percent: false)),
            .comparison(.less, .signal(SignalSelector("errors")), .number(0.001, percent: false))),
            .comparison(.greater, .signal(SignalSelector("count")), .number(1000, percent: false))))
        let mem = try RuleCondition("rss >= 1.5GiB")
        #expect(mem.expression == .comparison(.greaterOrEqual, .signal(SignalSelector("rss")), .number(1.5 * 1_073_741_824, percent: false)))
    }

    @Test("precedence: * before +, comparison before and, and before or")
    func precedence() throws {
        let c = try RuleCondition("a + b * 2 > 1 or c < 2 and d == 3")
        let a = SignalSelector("a"), b = SignalSelector("b"), cc = SignalSelector("c"), d = SignalSelector("d")
        let sum = ConditionExpression.arithmetic(.add, .signal(a), .arithmetic(.multiply, .signal(b), .number(2, percent: false)))
        let expected = ConditionExpression.or(
            .comparison(.greater, sum, .number(1, percent: false)),
            .and(.comparison(.less, .signal(cc), .number(2, percent: false)),
                 .comparison(.equal, .signal(d), .number(3, percent: false))))
        #expect(c.expression == expected)
    }

    @Test("parentheses group both arithmetic and logic; keywords ignore case")
    func parentheses() throws {
        let c = try RuleCondition("(cpu > 80 OR load > 4) AND NOT (mem - 10) * 2 > 100")
        guard case .and(.or, .not(.comparison(.greater, .arithmetic(.multiply, .arithmetic(.subtract, _, _), _), _))) = c.expression else {
            Issue.record("unexpected tree \(c.expression)")
            return
        }
    }

    @Test("selectors with labels, growth and prediction functions")
    func functions() throws {
        let c = try RuleCondition(#"growth(disk_used{mount="/var", host='db1'}, 30m) > 5 GB and predict(load, 2h) > 10"#)
        let disk = SignalSelector("disk_used", labels: ["mount": "/var", "host": "db1"])
        #expect(c.inputs == [.growth(disk, window: 1800), .prediction(SignalSelector("load"), horizon: 7200)])
        #expect(disk.description == #"disk_used{host="db1",mount="/var"}"#)
    }

    @Test("a rate is scaled to a written growth window")
    func rateScaling() throws {
        let c = try RuleCondition("growth(memory, 30m) > 10% per hour")
        #expect(c.expression == .comparison(
            .greater, .growth(SignalSelector("memory"), window: 1800, relative: true),
            .arithmetic(.multiply, .number(10, percent: true), .number(0.5, percent: false))))
        let daily = try RuleCondition("memory_growth > 1 GB per day")
        #expect(daily.inputs == [.growth(SignalSelector("memory"), window: 86_400)])
    }

    @Test("the PromQL forms keep the query text as written")
    func promql() throws {
        let c = try RuleCondition("promql: 'rate(http_errors_total{code=~\"5..\"}[5m]) > 3' for 2m")
        #expect(c.holdFor == 120)
        #expect(c.inputs == [.promql(#"rate(http_errors_total{code=~"5.."}[5m]) > 3"#)])
        let scalar = try RuleCondition(#"promql("sum(up{job='node'})") < 3 and cpu > 50%"#)
        #expect(scalar.inputs == [.promql("sum(up{job='node'})"), .current(SignalSelector("cpu"))])
    }

    @Test("recording-rule names keep their colons and dots")
    func recordingRuleNames() throws {
        let c = try RuleCondition("job:http_errors:rate5m > 3 and node.load1 > 2")
        #expect(c.inputs == [.current(SignalSelector("job:http_errors:rate5m")), .current(SignalSelector("node.load1"))])
    }

    @Test("inputs are listed once each")
    func inputsOnce() throws {
        let c = try RuleCondition("cpu > 80 and cpu < 95 or cpu == 100")
        #expect(c.inputs == [.current(SignalSelector("cpu"))])
    }
}
