import Foundation
import Testing
import VigilConfig
import VigilCore
import VigilRemediate

@Suite struct RunbookLoaderTests {
    static let shipped = VigilConfigurationTests.repoRoot.appendingPathComponent("runbooks").path

    private func error(_ yaml: String) -> ConfigError? {
        do {
            _ = try RunbookLoader.parse(yaml, file: "rb.yaml")
            return nil
        } catch {
            return error
        }
    }

    static let minimal = """
        runbooks:
          - name: restart
            match:
              causes: [process_crash]
            steps:
              - executor: ssh
                target: "{{host}}"
                action: systemctl restart {{service}}
                risk: reversible
            verify:
              alerts: [ServiceDown]
              matchers: ['service="{{service}}"']
              window: 5m
        """

    @Test func shippedRunbooksLoadAndCoverEveryCauseKind() throws {
        let runbooks = try RunbookLoader.load(directories: [Self.shipped])
        for cause in CauseKind.standard {
            #expect(runbooks.contains { $0.match.causes.contains(cause) }, "no runbook for \(cause)")
        }
        #expect(Set(runbooks.map(\.name)).count == runbooks.count)
        // every ansible step carries its playbook text, and it passes the safety checks for a real host
        let parser = PlaybookYAML()
        for runbook in runbooks {
            for step in runbook.steps + runbook.steps.compactMap(\.rollback) where step.executor == .ansible {
                let doc = try parser.parse(try #require(step.playbook))
                #expect(PlaybookSafety.check(doc, risk: step.risk, targets: ["node-1"]).isEmpty, "\(runbook.name)")
            }
        }
    }

    @Test func shippedRunbooksPlanForAnIncident() throws {
        let planner = Planner(runbooks: try RunbookLoader.load(directories: [Self.shipped]))
        let subject = RemediationSubject(component: "inventory", cause: .diskFull, confidence: 0.9, kind: .app,
                                         labels: ["service": "inventory"])
        guard case .plan(let plan) = planner.plan(PlanRequest(incidentID: "inc_1", subject: subject, hosts: ["node-11"]),
                                                  id: "plan_1", at: Date(timeIntervalSince1970: 0)) else {
            Issue.record("no plan"); return
        }
        #expect(plan.runbook == "free-disk-space")
        #expect(plan.risk == .destructive, "image pruning is destructive")
        #expect(plan.steps.map(\.target) == ["node-11", "node-11"])
        let validator = PlanValidator(parser: PlaybookYAML())
        #expect(validator.validation(of: plan, targets: ["node-11"]) == .passed)
        #expect(validator.validation(of: plan, targets: ["node-12"]) != .passed)
        // the webhook runbook wins when the incident says where to roll back
        let deploy = RemediationSubject(component: "api", cause: .deployRegression, confidence: 0.7, kind: .app,
                                        labels: ["rollback_webhook": "https://deploy.example/hooks/rollback"])
        guard case .plan(let rollback) = planner.plan(PlanRequest(incidentID: "inc_2", subject: deploy, hosts: ["n1"]),
                                                      id: "plan_2", at: Date(timeIntervalSince1970: 0)) else {
            Issue.record("no plan"); return
        }
        #expect(rollback.runbook == "rollback-deploy-via-webhook")
        #expect(rollback.steps.first?.target == "https://deploy.example/hooks/rollback")
        #expect(validator.validation(of: rollback, targets: ["n1"]) == .passed)
    }

    @Test func minimalRunbookLoads() throws {
        let runbooks = try RunbookLoader.parse(Self.minimal, file: "rb.yaml")
        #expect(runbooks.count == 1)
        #expect(runbooks[0].verify.window == 300)
        #expect(runbooks[0].steps[0].action == "systemctl restart {{service}}")
        #expect(runbooks[0].source == "rb.yaml")
    }

    @Test func unknownKeysAndValuesNameFileLineAndColumn() {
        let typo = Self.minimal.replacingOccurrences(of: "    match:", with: "    matches:")
        #expect(error(typo)?.description.hasPrefix("rb.yaml:3:5: ") == true, "\(String(describing: error(typo)))")
        #expect(error(typo)?.message.contains("unknown key 'matches'") == true)
        let executor = Self.minimal.replacingOccurrences(of: "executor: ssh", with: "executor: telnet")
        let e = error(executor)
        #expect(e?.line == 6)
        #expect(e?.description.contains("expected one of: ansible, ssh, docker, command, http") == true, "\(String(describing: e))")
        let risk = Self.minimal.replacingOccurrences(of: "risk: reversible", with: "risk: mild")
        #expect(error(risk)?.line == 9)
    }

    @Test func unknownTemplateVariablesPointAtTheirKey() {
        let e = error(Self.minimal.replacingOccurrences(of: "restart {{service}}", with: "restart {{servise}}"))
        #expect(e?.line == 8)
        #expect(e?.path == "runbooks[0].steps[0].action")
        #expect(e?.message.contains("unknown template variable 'servise'") == true)
        let m = error(Self.minimal.replacingOccurrences(of: #"service="{{service}}""#, with: #"service="{{nope}}""#))
        #expect(m?.path == "runbooks[0].verify.matchers")
    }

    @Test func destructiveStepsNeedARollbackOrSayIrreversible() throws {
        let destructive = Self.minimal.replacingOccurrences(of: "risk: reversible", with: "risk: destructive")
        let e = error(destructive)
        #expect(e?.message.contains("needs a 'rollback' step, or 'irreversible: true'") == true, "\(String(describing: e))")
        #expect(e?.line == 9)
        let acknowledged = destructive.replacingOccurrences(of: "risk: destructive", with: "risk: destructive\n        irreversible: true")
        #expect(try RunbookLoader.parse(acknowledged, file: "rb.yaml")[0].risk == .destructive)
        let withRollback = destructive.replacingOccurrences(of: "risk: destructive", with: """
            risk: destructive
                    rollback: {executor: ssh, target: "{{host}}", action: "systemctl start {{service}}", risk: reversible}
            """)
        #expect(try RunbookLoader.parse(withRollback, file: "rb.yaml")[0].steps[0].rollback?.action == "systemctl start {{service}}")
    }

    @Test func unsafeStepsAndPlaybooksAreRefusedAtLoad() {
        let rm = error(Self.minimal.replacingOccurrences(of: "action: systemctl restart {{service}}", with: "action: rm -rf /"))
        #expect(rm?.message.contains("unsafe: step 1: recursive rm of /") == true, "\(String(describing: rm))")
        let allHosts = Self.minimal.replacingOccurrences(of: """
                  - executor: ssh
                    target: "{{host}}"
                    action: systemctl restart {{service}}
            """, with: """
                  - executor: ansible
                    target: "{{host}}"
                    action: x
                    playbook: |
                      - hosts: all
                        tasks:
                          - raw: reboot
            """)
        let e = error(allHosts)
        #expect(e?.message.contains("unsafe:") == true, "\(String(describing: e))")
        #expect(e?.message.contains("more") == true, "all hosts, raw and reboot are three problems")
    }

    @Test func ansibleStepsNeedExactlyOnePlaybook() {
        let none = Self.minimal.replacingOccurrences(of: "executor: ssh", with: "executor: ansible")
        #expect(error(none)?.message.contains("exactly one of 'playbook'") == true)
    }

    @Test func duplicateNamesInAFileAndAcrossFilesAreErrors() throws {
        let twice = Self.minimal + "\n" + Self.minimal.replacingOccurrences(of: "runbooks:\n", with: "")
        let e = error(twice)
        #expect(e?.message == "duplicate runbook name 'restart'")
        #expect(e?.line == 14)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-rb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.minimal.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try Self.minimal.write(to: dir.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try "not yaml".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        do {
            _ = try RunbookLoader.load(directories: [dir.path])
            Issue.record("expected a duplicate error")
        } catch {
            #expect(error.file.hasSuffix("b.yml"))
            #expect(error.message.contains("also defined in") && error.message.contains("a.yaml"))
        }
    }

    @Test func missingPlaybookFilesAndDirectoriesAreErrors() {
        let file = Self.minimal.replacingOccurrences(of: "executor: ssh", with: "executor: ansible")
            .replacingOccurrences(of: "risk: reversible", with: "risk: reversible\n        playbook_file: playbooks/nope.yaml")
        #expect(error(file)?.message.contains("cannot read") == true)
        #expect(throws: ConfigError.self) { try RunbookLoader.load(directories: ["/nonexistent/runbooks"]) }
    }
}
