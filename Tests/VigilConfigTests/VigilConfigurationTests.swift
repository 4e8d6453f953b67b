import Foundation
import Testing
import VigilCore
import VigilCorrelate
@testable import VigilConfig

@Suite struct VigilConfigurationTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func shippedExampleIsValidAndMatchesDefaults() throws {
        let path = Self.repoRoot.appendingPathComponent("vigil.example.yaml").path
        let c = try ConfigLoader.load(path: path, environment: [:])
        let d = ConfigLoader.defaults()
        #expect(c == d, "vigil.example.yaml should state the defaults")
        #expect(c.server.port == 8080)
        #expect(c.correlation.groupBy == ["alertname", "service"])
        #expect(c.ingest.maxBodyBytes.bytes == 1 << 20)
    }

    @Test func sectionsValidateThemselves() {
        let cases: [(String, String)] = [
            ("server:\n  port: 70000\n", "server.port"),
            ("correlation:\n  group_wait: -5s\n", "correlation.group_wait"),
            ("correlation:\n  group_by: ['...', alertname]\n", "correlation.group_by"),
            ("ingest:\n  tokens: [short]\n", "ingest.tokens[0]"),
            ("notify:\n  webhooks:\n    - name: a\n      url: ftp://x\n", "notify.webhooks[0].url"),
            ("notify:\n  webhooks:\n    - {name: a, url: 'http://x'}\n    - {name: a, url: 'http://y'}\n", "notify.webhooks[1].name"),
            ("inhibit_rules:\n  - source_matchers: ['severity=']\n    target_matchers: ['a=~\"(\"']\n", "inhibit_rules[0].target_matchers[0]"),
            ("security:\n  rate_limit_per_second: 0\n", "security.rate_limit_per_second"),
        ]
        expectConfigErrors(cases)
    }

    @Test func inhibitRulesAndDurationsReachTheCorrelator() throws {
        let yaml = """
            correlation:
              group_by: [service]
              group_wait: 10s
              reopen_window: 2h
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity=~"warning|info"']
                equal: [service]
            """
        let c = try ConfigLoader.parse(yaml, file: "v.yaml", environment: [:]).correlationConfig
        #expect(c.groupBy == ["service"])
        #expect(c.groupWait == 10)
        #expect(c.reopenWindow == 7200)
        #expect(c.inhibitRules.count == 1)
        #expect(c.inhibitRules[0].inhibits(source: ["severity": "critical", "service": "a"],
                                           target: ["severity": "warning", "service": "a"]))
    }

    @Test func unknownKeyNamesKeyAndLine() {
        do {
            _ = try ConfigLoader.parse("server:\n  port: 1\ncorrelation:\n  gruop_by: [a]\n", file: "v.yaml", environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 4)
            #expect(error.description.contains("gruop_by"))
        }
    }
}
