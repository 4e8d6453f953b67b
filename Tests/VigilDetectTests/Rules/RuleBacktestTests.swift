import Foundation
import Testing
import VigilCore
@testable import VigilDetect

@Suite("Rule backtest over recent history")
struct RuleBacktestTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    func history(_ cpu: [Double]) -> [(time: Date, inputs: RuleInputSnapshot)] {
        cpu.enumerated().map { i, v in
            var s = RuleInputSnapshot()
            if v.isFinite { s.currents[SignalSelector("cpu")] = v }
            return (Self.start.addingTimeInterval(Double(i) * 60), s)
        }
    }

    @Test("replays the state machine: one action after the `for`, again after the cooldown")
    func replay() throws {
        let rule = AutomationRule(name: "cpu", condition: "cpu > 80% for 3m", action: "scale_up", cooldown: 600)
        // 20 minutes hot
        let report = try RuleBacktest(rule, over: history(Array(repeating: 90, count: 20)))
        #expect(report.evaluations == 20)
        #expect(report.holding == 20)
        #expect(report.decisions.map(\.time) == [Self.start.addingTimeInterval(180), Self.start.addingTimeInterval(780)])
        #expect(report.decisions.allSatisfy { $0.acted })
        #expect(report.finalState.name == "firing")
    }

    @Test("gaps in the data are reported and interrupt the `for`")
    func gaps() throws {
        let rule = AutomationRule(name: "cpu", condition: "cpu > 80% for 3m", action: "scale_up")
        let report = try RuleBacktest(rule, over: history([90, 90, .nan, 90, 90, 90, 20]))
        #expect(report.decisions.isEmpty)
        #expect(report.missing == ["cpu"])
        #expect(report.holding == 5)
        #expect(report.finalState == .inactive)
        #expect(report.last?.holds == false)
    }

    @Test("a condition that does not parse is an error")
    func badRule() {
        let rule = AutomationRule(name: "bad", condition: "cpu >>", action: "x")
        #expect(throws: ConditionParseError.self) { try RuleBacktest(rule, over: history([1])) }
    }
}
