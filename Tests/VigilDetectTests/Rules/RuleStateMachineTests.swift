import Foundation
import Testing
import VigilCore
import VigilTesting
@testable import VigilDetect

@Suite("Rule state machine, driven by a test clock")
struct RuleStateMachineTests {
    let clock = TestClock()
    let rule = AutomationRule(name: "High CPU Auto-Scale", condition: "cpu > 80% for 5 minutes", action: "scale_up",
                              confidenceThreshold: 0.8, cooldown: 600)

    func holds(_ confidence: Double = 1) -> ConditionEvaluation {
        ConditionEvaluation(holds: true, confidence: confidence, value: 93, threshold: 80, inputs: ["cpu": 93])
    }
    let clear = ConditionEvaluation(holds: false, confidence: 0, value: 40, threshold: 80, inputs: ["cpu": 40])

    /// Steps every 30 s for `seconds`, returning the decisions.
    func run(_ m: inout RuleStateMachine, for seconds: Int, _ e: ConditionEvaluation) -> [RuleDecision] {
        var out: [RuleDecision] = []
        for _ in 0..<(seconds / 30) {
            clock.advance(by: 30)
            if let d = m.step(now: clock.now(), evaluation: e) { out.append(d) }
        }
        return out
    }

    @Test("inactive → pending → firing after `for`, with one decision that acts")
    func fires() throws {
        var m = RuleStateMachine(rule: rule, holdFor: 300)
        let start = clock.now()
        #expect(m.step(now: start, evaluation: holds()) == nil)
        #expect(m.state == .pending(since: start, declined: false))
        #expect(run(&m, for: 270, holds()).isEmpty)
        #expect(m.state.name == "pending")
        let decisions = run(&m, for: 30, holds())
        let d = try #require(decisions.first)
        #expect(decisions.count == 1)
        #expect(d.acted)
        #expect(d.time == start.addingTimeInterval(300))
        #expect(d.ruleID == "high-cpu-auto-scale")
        #expect(d.action == "scale_up")
        #expect(d.inputs == ["cpu": 93])
        #expect(d.confidence == 1)
        #expect(d.reason == "cpu > 80% for 5 minutes held for 5 m; confidence 1.00 ≥ 0.80")
        #expect(m.state == .firing(since: start, firedAt: d.time))
        #expect(m.lastActed == d.time)
    }

    @Test("a condition that stops holding while pending goes back to inactive and starts over")
    func interrupted() {
        var m = RuleStateMachine(rule: rule, holdFor: 300)
        #expect(run(&m, for: 240, holds()).isEmpty)
        _ = m.step(now: clock.now(), evaluation: clear)
        #expect(m.state == .inactive)
        #expect(run(&m, for: 270, holds()).isEmpty)
        #expect(run(&m, for: 60, holds()).count == 1)
    }

    @Test("firing → cooling down when the condition clears → inactive when the cooldown ends")
    func coolsDown() throws {
        var m = RuleStateMachine(rule: rule, holdFor: 0)
        let first = m.step(now: clock.now(), evaluation: holds())
        let fired = try #require(first)
        #expect(fired.acted)
        #expect(run(&m, for: 120, holds()).isEmpty)
        _ = run(&m, for: 30, clear)
        #expect(m.state == .coolingDown(until: fired.time.addingTimeInterval(600), holdingSince: nil))
        // holding again during the cooldown does not act
        #expect(run(&m, for: 300, holds()).isEmpty)
        #expect(m.state.name == "cooling_down")
        _ = run(&m, for: 150, clear)
        #expect(m.state == .inactive)
    }

    @Test("holding through the cooldown acts again once it is over, counting `for` from when it held")
    func refiresAfterCooldown() throws {
        var m = RuleStateMachine(rule: rule, holdFor: 300)
        let fired = run(&m, for: 330, holds())
        #expect(fired.count == 1)
        _ = run(&m, for: 30, clear)
        let again = run(&m, for: 600, holds())
        #expect(again.count == 1)
        // cooldown ends at 930 s; the condition held again from 390 s, longer than `for`
        #expect(again.first?.time == fired[0].time.addingTimeInterval(600))
    }

    @Test("a condition that keeps holding repeats the action once per cooldown")
    func repeatsWhileHolding() {
        var m = RuleStateMachine(rule: rule, holdFor: 0)
        let decisions = run(&m, for: 1800, holds())
        #expect(decisions.count == 3)
        #expect(decisions.allSatisfy { $0.acted })
        #expect(decisions[1].time.timeIntervalSince(decisions[0].time) == 600)
        #expect(decisions[1].reason.contains("still after the 10 m cooldown"))
    }

    @Test("low confidence records one decision that does not act, then acts when confident")
    func lowConfidence() throws {
        var m = RuleStateMachine(rule: rule, holdFor: 60)
        let weak = run(&m, for: 300, holds(0.6))
        #expect(weak.count == 1)
        let d = try #require(weak.first)
        #expect(!d.acted)
        #expect(d.confidence == 0.6)
        #expect(d.reason.hasSuffix("confidence 0.60 < 0.80, not acting"))
        #expect(m.lastActed == nil)
        guard case .pending(_, declined: true) = m.state else {
            Issue.record("expected pending after a declined decision, got \(m.state)")
            return
        }
        let strong = run(&m, for: 30, holds(0.95))
        #expect(strong.count == 1)
        #expect(strong.first?.acted == true)
        #expect(m.state.name == "firing")
    }

    @Test("without a cooldown a cleared rule goes straight back to inactive")
    func noCooldown() {
        var r = rule
        r.cooldown = 0
        var m = RuleStateMachine(rule: r, holdFor: 0)
        #expect(run(&m, for: 30, holds()).count == 1)
        _ = run(&m, for: 30, clear)
        #expect(m.state == .inactive)
    }
}
