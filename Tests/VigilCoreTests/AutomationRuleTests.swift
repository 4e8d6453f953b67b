import Foundation
import Testing
import VigilCore

@Suite("Automation rules and decisions as values")
struct AutomationRuleTests {
    @Test("ids are slugs of the names, Cyrillic included")
    func slugs() {
        #expect(AutomationRule.slug("High CPU Auto-Scale") == "high-cpu-auto-scale")
        #expect(AutomationRule.slug("  Memory -- Leak!! ") == "memory-leak")
        #expect(AutomationRule.slug("Утечка памяти") == "утечка-памяти")
        #expect(AutomationRule.slug("***") == "rule")
    }

    @Test("API JSON: only name, condition and action are required; the rest default")
    func decodesWithDefaults() throws {
        let json = #"{"name": "Predictive Scaling", "condition": "predicted_load > current_capacity * 1.2", "action": "preemptive_scale"}"#
        let rule = try JSONDecoder().decode(AutomationRule.self, from: Data(json.utf8))
        #expect(rule.id == "predictive-scaling")
        #expect(rule.confidenceThreshold == 0.8)
        #expect(rule.cooldown == 300)
        #expect(rule.enabled)
        #expect(rule.severity == .warning)
        #expect(rule.problems.isEmpty)
        let missing = #"{"name": "x", "condition": "cpu > 1"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AutomationRule.self, from: Data(missing.utf8)) }
    }

    @Test("a rule survives a JSON round trip with snake_case keys")
    func roundTrip() throws {
        let rule = AutomationRule(name: "Memory Leak Detection", description: "leaks", condition: "memory_growth > 10% per hour",
                                  action: "restart_service", parameters: ["unit": "api"], confidenceThreshold: 0.9,
                                  cooldown: 600, enabled: false, severity: .critical, labels: ["service": "api"])
        let data = try JSONEncoder().encode(rule)
        #expect(String(decoding: data, as: UTF8.self).contains(#""confidence_threshold":0.9"#))
        #expect(try JSONDecoder().decode(AutomationRule.self, from: data) == rule)
    }

    @Test("problems name the field")
    func problems() {
        var rule = AutomationRule(name: " ", condition: "", action: "x", confidenceThreshold: 1.5, cooldown: -1)
        #expect(rule.problems.map(\.field) == ["name", "condition", "confidence_threshold", "cooldown"])
        rule.cooldown = .nan
        #expect(rule.problems.last?.message == "must be a non-negative number of seconds")
    }

    @Test("a decision encodes with snake_case keys and decodes back")
    func decision() throws {
        let d = RuleDecision(ruleID: "cpu", ruleName: "CPU", time: Date(timeIntervalSince1970: 1_700_000_000),
                             condition: "cpu > 80%", inputs: ["cpu": 93], confidence: 1, threshold: 0.8,
                             action: "scale_up", acted: true, reason: "held")
        let data = try JSONEncoder().encode(d)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""rule_id":"cpu""#))
        #expect(text.contains(#""acted":true"#))
        #expect(try JSONDecoder().decode(RuleDecision.self, from: data) == d)
    }
}
