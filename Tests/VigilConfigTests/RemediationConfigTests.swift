import Foundation
import Testing
import VigilCore
import VigilRemediate
@testable import VigilConfig

@Suite struct RemediationConfigTests {
    private func parse(_ yaml: String) throws(ConfigError) -> VigilConfiguration {
        try ConfigLoader.parse(yaml, file: "vigil.yaml", environment: [:])
    }

    @Test func defaults() {
        let c = ConfigLoader.defaults()
        #expect(c.remediation.runbookDirs == ["runbooks"])
        #expect(c.remediation.approvalExpiry.seconds == 3600)
        #expect(c.remediation.destructiveApprovals == 2)
        #expect(c.policies.isEmpty)
    }

    @Test func policiesDecodeIntoPolicyValues() throws {
        let c = try parse("""
            remediation:
              approval_expiry: 30m
              destructive_approvals: 3
            policies:
              - name: nights
                max_risk: reversible
                min_confidence: 0.7
                cooldown: 10m
                max_runs_per_host_per_hour: 2
                max_blast_radius: 3
                windows: ["mon-fri 22:00-06:00 +03:00", "sat,sun 00:00-24:00", "09:00-10:00"]
                causes: [process_crash]
                runbooks: [restart-crashed-service]
              - name: everything-read-only
                max_risk: read_only
            """)
        #expect(c.remediation.approvalExpiry.seconds == 1800)
        #expect(c.remediation.destructiveApprovals == 3)
        let p = c.policies[0].policy
        #expect(p.name == "nights")
        #expect(p.maxRisk == .reversible)
        #expect(p.minConfidence == 0.7)
        #expect(p.cooldown == 600)
        #expect(p.maxRunsPerHostPerHour == 2)
        #expect(p.maxBlastRadius == 3)
        #expect(p.windows == [TimeWindow(days: [1, 2, 3, 4, 5], start: 22 * 60, end: 6 * 60, utcOffset: 10800),
                              TimeWindow(days: [6, 7], start: 0, end: 0), TimeWindow(days: [], start: 540, end: 600)])
        #expect(p.causes == [.processCrash])
        #expect(p.runbooks == ["restart-crashed-service"])
        #expect(c.policies[1].policy.maxRisk == .readOnly)
        #expect(c.policies[1].policy.minConfidence == Policy(name: "x").minConfidence)
    }

    @Test func timeWindowSyntax() {
        #expect(TimeWindow(parsing: "fri-mon 20:00-23:30 -05:00") == TimeWindow(days: [5, 6, 7, 1], start: 1200, end: 1410, utcOffset: -18000))
        #expect(TimeWindow(parsing: "* 00:00-01:00") == TimeWindow(days: [], start: 0, end: 60))
        for bad in ["", "mon", "mon 9-17", "funday 09:00-10:00", "mon 25:00-26:00", "mon 09:00-10:00 3h", "mon 09:00-10:00 +03:00 x"] {
            #expect(TimeWindow(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func invalidPoliciesAndRemediationSettingsPointAtTheValue() {
        let cases: [(String, String, Int?)] = [
            ("policies:\n  - name: a\n    min_confidence: 1.5\n", "policies[0].min_confidence", 3),
            ("policies:\n  - name: a\n    max_risk: yolo\n", "policies[0].max_risk", 3),
            ("policies:\n  - name: a\n    windows: ['mon 9-5']\n", "policies[0].windows", 3),
            ("policies:\n  - name: a\n    max_blast_radius: 0\n", "policies[0].max_blast_radius", 3),
            ("policies:\n  - name: a\n    cooldwn: 5m\n", "unknown key 'cooldwn'", 3),
            ("policies:\n  - name: a\n  - name: a\n", "policies[1].name", nil),
            ("remediation:\n  approval_expiry: 10s\n", "remediation.approval_expiry", nil),
            ("remediation:\n  destructive_approvals: 0\n", "remediation.destructive_approvals", nil),
        ]
        for (yaml, path, line) in cases {
            do {
                _ = try parse(yaml)
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.description.contains(path), "\(yaml) → \(error)")
                if let line { #expect(error.line == line, "\(yaml) → \(error)") }
            }
        }
    }
}
