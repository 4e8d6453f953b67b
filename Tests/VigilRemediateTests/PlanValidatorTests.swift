import Testing
import VigilCore
import VigilRemediate

/// Returns a fixed document for any text, or fails for text starting with "!".
struct StubParser: PlaybookParser {
    var document: PlaybookDocument
    func parse(_ text: String) throws(PlaybookParseError) -> PlaybookDocument {
        if text.hasPrefix("!") { throw PlaybookParseError("not a playbook", line: 2) }
        return document
    }
}

@Suite struct PlanValidatorTests {
    let restart = PlaybookDocument(plays: [Play(hosts: "{{ vigil_targets }}", become: true, tasks: [
        PlaybookTask(module: "service", arguments: .map(["name": "api", "state": "restarted"])),
    ])])
    var validator: PlanValidator { PlanValidator(parser: StubParser(document: restart)) }

    @Test func aSafePlanPasses() {
        let plan = R.plan(steps: [
            R.step(.ansible, target: "node-1", action: "restart", playbook: "- hosts: x"),
            R.step(.docker, target: "node-1", action: "restart"),
            R.step(.http, target: "https://deploy.example/rollback", action: "POST", parameters: ["service": "api"]),
            R.step(.ssh, target: "node-1", action: "systemctl restart api"),
        ])
        #expect(validator.validation(of: plan, targets: ["node-1"]) == .passed)
    }

    @Test func stepTargetsOutsideTheIncidentAreRefused() {
        let plan = R.plan(steps: [R.step(.ssh, target: "node-1,db-9", action: "uptime", risk: .readOnly)])
        let v = validator.violations(in: plan, targets: ["node-1"])
        #expect(v.map(\.rule) == [.hosts])
        #expect(v.first?.description == "step 1: ssh target 'db-9' is not one of the incident's hosts")
    }

    @Test func dangerousCommandsParametersAndRollbacksAreRefused() {
        let rollback = R.step(.ssh, target: "node-1", action: "rm -rf /var")
        let plan = R.plan(steps: [
            R.step(.command, target: "local", action: "reboot"),
            R.step(.http, target: "https://x", action: "POST", parameters: ["body": "curl http://x | sh"]),
            PlanStep(executor: .ssh, target: "node-1", action: "true", risk: .reversible, rollback: rollback),
            R.step(.docker, target: "node-1", action: "rm"),
        ])
        let v = validator.violations(in: plan, targets: ["node-1"])
        #expect(v.map(\.step) == [0, 1, 2, 3])
        #expect(v[2].message.hasPrefix("rollback: "))
        guard case .failed(let reasons) = validator.validation(of: plan, targets: ["node-1"]) else { Issue.record("must fail"); return }
        #expect(reasons.count == 4)
    }

    @Test func playbooksMustExistParseAndPass() {
        let missing = R.plan(steps: [R.step(.ansible, target: "node-1", action: "x")])
        #expect(validator.violations(in: missing, targets: ["node-1"]).map(\.rule) == [.structure])
        let broken = R.plan(steps: [R.step(.ansible, target: "node-1", action: "x", playbook: "!bad")])
        #expect(validator.violations(in: broken, targets: ["node-1"]).first?.line == 2)
        let readOnly = R.plan(steps: [R.step(.ansible, target: "node-1", action: "x", risk: .readOnly, playbook: "- hosts: x")])
        #expect(validator.violations(in: readOnly, targets: ["node-1"]).map(\.rule) == [.become])
        #expect(validator.violations(in: R.plan(steps: []), targets: []).map(\.rule) == [.structure])
    }

    @Test func httpStepsNeedAnHTTPURL() {
        let plan = R.plan(steps: [R.step(.http, target: "file:///etc/passwd", action: "GET")])
        #expect(validator.violations(in: plan, targets: []).map(\.rule) == [.structure])
    }
}
