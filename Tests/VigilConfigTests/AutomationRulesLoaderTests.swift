import Foundation
import Testing
import VigilConfig
import VigilCore

@Suite("Automation rules file")
struct AutomationRulesLoaderTests {
    /// The example from the user's documents (`configs/ai/automation_rules.yaml`), verbatim.
    static let documentExample = """
        # configs/ai/automation_rules.yaml
        rules:
          - name: "High CPU Auto-Scale"
            condition: "cpu > 80% for 5 minutes"
            action: "scale_up"
            confidence_threshold: 0.8
            cooldown: 300
            
          - name: "Memory Leak Detection"
            condition: "memory_growth > 10% per hour"
            action: "restart_service"
            confidence_threshold: 0.9
            cooldown: 600
            
          - name: "Predictive Scaling"
            condition: "predicted_load > current_capacity * 1.2"
            action: "preemptive_scale"
            confidence_threshold: 0.7
            cooldown: 1800
        """

    func error(_ yaml: String) -> ConfigError? {
        do {
            _ = try AutomationRulesLoader.parse(yaml, file: "rules.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("the documents' example loads with the defaults users expect")
    func documentExample() throws {
        let rules = try AutomationRulesLoader.parse(Self.documentExample, file: "automation_rules.yaml")
        #expect(rules.map(\.id) == ["high-cpu-auto-scale", "memory-leak-detection", "predictive-scaling"])
        #expect(rules.map(\.action) == ["scale_up", "restart_service", "preemptive_scale"])
        #expect(rules.map(\.confidenceThreshold) == [0.8, 0.9, 0.7])
        #expect(rules.map(\.cooldown) == [300, 600, 1800])
        #expect(rules.allSatisfy { $0.enabled && $0.severity == .warning && $0.labels.isEmpty })
        #expect(rules[0].condition == "cpu > 80% for 5 minutes")
    }

    @Test("optional fields: id, durations as text, severity, labels, parameters, enabled")
    func optionalFields() throws {
        let rules = try AutomationRulesLoader.parse("""
            rules:
              - id: disk-var
                name: Disk /var filling
                condition: 'growth(disk_used{mount="/var"}, 1h) > 5 GB'
                action: clean_logs
                parameters: {path: /var/log}
                cooldown: 30m
                enabled: false
                severity: critical
                labels: {service: db, team: infra}
            """, file: "rules.yaml")
        let r = try #require(rules.first)
        #expect(r.id == "disk-var")
        #expect(r.cooldown == 1800)
        #expect(!r.enabled)
        #expect(r.severity == .critical)
        #expect(r.labels == ["service": "db", "team": "infra"])
        #expect(r.parameters == ["path": "/var/log"])
        #expect(r.confidenceThreshold == 0.8)
    }

    @Test("a bad condition is reported at its line with the column inside the condition")
    func badCondition() throws {
        let e = try #require(error("""
            rules:
              - name: a
                condition: "cpu 80"
                action: x
            """))
        #expect(e.line == 3)
        #expect(e.path == "rules[0].condition")
        // the quote is at column 16, `80` at column 21
        #expect(e.description.hasPrefix("rules.yaml:3:21: rules[0].condition: invalid condition: expected a comparison operator"))
        let plain = try #require(error("rules:\n  - name: a\n    condition: cpu > 80 mem\n    action: x\n"))
        #expect(plain.column == 25)
        let block = try #require(error("rules:\n  - name: a\n    condition: |\n      cpu > 80\n      and mem\n    action: x\n"))
        #expect(block.line == 3)
        #expect(block.message.hasPrefix("invalid condition: 2:5: expected a comparison"))
    }

    @Test("unknown keys, bad thresholds and duplicate ids are errors")
    func validation() throws {
        let unknown = try #require(error("rules:\n  - name: a\n    condition: cpu > 1\n    action: x\n    cooldwn: 5m\n"))
        #expect(unknown.line == 5)
        #expect(unknown.message.contains("unknown key 'cooldwn'"))
        let threshold = try #require(error("rules:\n  - name: a\n    condition: cpu > 1\n    action: x\n    confidence_threshold: 1.5\n"))
        #expect(threshold.description == "rules.yaml: rules[0].confidence_threshold: must be between 0 and 1")
        let duplicate = try #require(error("rules:\n  - {name: A b, condition: x > 1, action: y}\n  - {name: a-B, condition: x > 1, action: y}\n"))
        #expect(duplicate.description == "rules.yaml: rules[1]: duplicate rule id 'a-b'")
        let missing = try #require(error("rules:\n  - {name: a, condition: x > 1}\n"))
        #expect(missing.message.contains("missing required key 'action'"))
        let severity = try #require(error("rules:\n  - {name: a, condition: x > 1, action: y, severity: huge}\n"))
        #expect(severity.line == 2)
    }

    @Test("an empty file has no rules")
    func empty() throws {
        #expect(try AutomationRulesLoader.parse("", file: "rules.yaml").isEmpty)
    }
}

@Suite("Automation rules example file")
struct AutomationRulesExampleTests {
    @Test("automation_rules.example.yaml loads")
    func exampleLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let rules = try AutomationRulesLoader.load(path: root.appendingPathComponent("automation_rules.example.yaml").path,
                                                   environment: [:])
        #expect(rules.map(\.id) == ["high-cpu-auto-scale", "memory-leak-detection", "predictive-scaling", "var-filling", "5xx-burst"])
        #expect(rules[3].cooldown == 3600)
        #expect(rules[4].enabled == false)
    }
}
