import Foundation
import Testing
import VigilCore
import VigilTesting
@testable import VigilDetect

@Suite("Rule engine: many rules per tick")
struct RuleEngineTests {
    let clock = TestClock()
    let cpuRule = AutomationRule(name: "High CPU Auto-Scale", condition: "cpu > 80% for 5 minutes", action: "scale_up",
                                 confidenceThreshold: 0.8, cooldown: 300, severity: .error,
                                 labels: ["service": "web", "team": "sre", "alertname": "ignored"])
    let leakRule = AutomationRule(name: "Memory Leak Detection", condition: "memory_growth > 10% per hour",
                                  action: "restart_service", confidenceThreshold: 0.9, cooldown: 600)

    func snapshot(cpu: Double, memoryFrom: Double = 100, to: Double = 101) -> RuleInputSnapshot {
        var s = RuleInputSnapshot()
        s.currents[SignalSelector("cpu")] = cpu
        s.growths[.growth(SignalSelector("memory"), window: 3600)] = SignalGrowth(start: memoryFrom, end: to)
        return s
    }

    func ticks(_ engine: inout RuleEngine, _ n: Int, _ s: RuleInputSnapshot) -> [RuleTick] {
        (0..<n).map { _ in
            clock.advance(by: 60)
            return engine.tick(now: clock.now(), inputs: s)
        }
    }

    @Test("inputs of enabled rules are listed once")
    func inputs() throws {
        var engine = RuleEngine()
        try engine.upsert(cpuRule)
        try engine.upsert(leakRule)
        try engine.upsert(AutomationRule(name: "cpu again", condition: "cpu > 95", action: "page"))
        var off = AutomationRule(name: "off", condition: "disk > 1", action: "x")
        off.enabled = false
        try engine.upsert(off)
        #expect(engine.inputs == [.current(SignalSelector("cpu")), .growth(SignalSelector("memory"), window: 3600)])
        #expect(engine.rules.map(\.id) == ["high-cpu-auto-scale", "memory-leak-detection", "cpu-again", "off"])
    }

    @Test("a firing rule gives a decision, an open anomaly each tick and an alert with its labels; then resolves")
    func firingLifecycle() throws {
        var engine = RuleEngine(alertHold: 120)
        try engine.upsert(cpuRule)
        try engine.upsert(leakRule)
        let hot = ticks(&engine, 6, snapshot(cpu: 93))
        let decisions = hot.flatMap(\.decisions)
        #expect(decisions.count == 1)
        #expect(decisions.first?.ruleID == "high-cpu-auto-scale")
        #expect(hot[0..<4].allSatisfy { $0.anomalies.isEmpty })
        let open = try #require(hot[5].anomalies.first)
        #expect(open.source == .rules)
        #expect(open.kind == .ruleFiring)
        #expect(open.service == "web")
        #expect(open.resolvedAt == nil)
        #expect(open.evidence.observed == 93)
        #expect(open.evidence.details["input.cpu"] == "93")
        let alert = try #require(hot[5].alerts.first)
        #expect(alert.labels["alertname"] == "AutomationRuleFiring")
        #expect(alert.labels["team"] == "sre")
        #expect(alert.labels["rule"] == "high-cpu-auto-scale")
        #expect(alert.labels["severity"] == "error")
        #expect(alert.endsAt == clock.now().addingTimeInterval(120))
        #expect(engine.state(of: "high-cpu-auto-scale")?.name == "firing")
        #expect(engine.state(of: "memory-leak-detection") == .inactive)

        let cleared = ticks(&engine, 2, snapshot(cpu: 20))
        let resolved = try #require(cleared[0].anomalies.first)
        #expect(resolved.id == open.id)
        #expect(resolved.resolvedAt == cleared[0].anomalies.first?.resolvedAt)
        #expect(resolved.resolvedAt != nil)
        #expect(cleared[1].anomalies.isEmpty)
        #expect(engine.state(of: "high-cpu-auto-scale")?.name == "cooling_down")
    }

    @Test("statuses show each rule's state, `for`, latest evaluation and last action")
    func statuses() throws {
        var engine = RuleEngine()
        try engine.upsert(cpuRule)
        try engine.upsert(leakRule)
        _ = ticks(&engine, 6, snapshot(cpu: 93))
        let s = engine.statuses
        #expect(s.map(\.rule.id) == ["high-cpu-auto-scale", "memory-leak-detection"])
        #expect(s[0].state.name == "firing")
        #expect(s[0].holdFor == 300)
        #expect(s[0].lastActed == clock.now())
        #expect(s[0].lastEvaluation?.value == 93)
        #expect(s[1].state == .inactive)
        #expect(s[1].lastActed == nil)
        #expect(s[1].lastEvaluation?.holds == false)
    }

    @Test("a memory leak rule fires on growth and records a decision with its inputs")
    func leak() throws {
        var engine = RuleEngine()
        try engine.upsert(leakRule)
        let t = ticks(&engine, 1, snapshot(cpu: 10, memoryFrom: 100, to: 125))
        let d = try #require(t[0].decisions.first)
        #expect(d.acted)
        #expect(d.inputs == ["growth(memory, 1h)": 25])
        #expect(engine.lastEvaluation(of: "memory-leak-detection")?.value == 25)
    }

    @Test("a disabled rule is not evaluated and resolves its open anomaly")
    func disabling() throws {
        var engine = RuleEngine()
        var rule = AutomationRule(name: "hot", condition: "cpu > 50", action: "x")
        try engine.upsert(rule)
        #expect(ticks(&engine, 1, snapshot(cpu: 90))[0].decisions.count == 1)
        rule.enabled = false
        try engine.upsert(rule)
        let t = ticks(&engine, 2, snapshot(cpu: 90))
        #expect(t.flatMap(\.decisions).isEmpty)
        #expect(t[0].anomalies.first?.resolvedAt != nil)
        #expect(engine.state(of: "hot") == .inactive)
    }

    @Test("replacing a rule keeps its state when the condition is unchanged, resets it otherwise")
    func replacing() throws {
        var engine = RuleEngine()
        try engine.upsert(cpuRule)
        _ = ticks(&engine, 3, snapshot(cpu: 93))
        var renamed = cpuRule
        renamed.action = "scale_up_more"
        try engine.upsert(renamed)
        #expect(engine.state(of: cpuRule.id)?.name == "pending")
        let d = ticks(&engine, 3, snapshot(cpu: 93)).flatMap(\.decisions)
        #expect(d.first?.action == "scale_up_more")
        var changed = cpuRule
        changed.condition = "cpu > 90% for 5 minutes"
        try engine.upsert(changed)
        #expect(engine.state(of: cpuRule.id) == .inactive)
        let removed = engine.remove(id: cpuRule.id)
        let again = engine.remove(id: cpuRule.id)
        #expect(removed)
        #expect(!again)
        #expect(engine.rules.isEmpty)
    }

    @Test("a rule whose condition does not parse is refused")
    func refusesBadCondition() {
        var engine = RuleEngine()
        #expect(throws: ConditionParseError.self) {
            try engine.upsert(AutomationRule(name: "bad", condition: "cpu >", action: "x"))
        }
        #expect(engine.rules.isEmpty)
    }
}
