import Foundation
import Testing
import VigilCore
import VigilRemediate

@Suite struct PlannerTests {
    let runbook = R.runbook("free-disk", causes: [.diskFull], kinds: [.app], steps: [
        PlanStep(executor: .ssh, target: "{{host}}", action: "journalctl --vacuum-size=200M", parameters: ["mount": "{{labels.mountpoint}}"],
                 risk: .reversible,
                 rollback: PlanStep(executor: .ssh, target: "{{host}}", action: "echo nothing to undo for {{service}}", risk: .readOnly)),
    ], verify: VerificationTemplate(alertNames: ["DiskFull"], matchers: [#"host="{{host}}""#], window: 600))

    private func request(confidence: Double = 0.8, labels: LabelSet = ["mountpoint": "/var"], kind: TopologyNode.Kind = .app) -> PlanRequest {
        let h = Hypothesis(component: "inventory", cause: .diskFull, confidence: confidence, explanation: "", evidence: [])
        return PlanRequest(incidentID: "inc_9", subject: RemediationSubject(h, kind: kind, labels: labels), hosts: ["node-11", "node-12"])
    }

    @Test func rendersStepsRollbacksAndVerification() throws {
        guard case .plan(let plan) = Planner(runbooks: [runbook]).plan(request(), id: "plan_7", at: R.now) else {
            Issue.record("expected a plan"); return
        }
        #expect(plan.runbook == "free-disk")
        #expect(plan.incidentID == "inc_9")
        #expect(plan.steps[0].target == "node-11")
        #expect(plan.steps[0].parameters == ["mount": "/var"])
        #expect(plan.steps[0].rollback?.action == "echo nothing to undo for inventory")
        #expect(plan.verification.matchers == [try Matcher.parse(#"host="node-11""#)])
        #expect(plan.verification.window == 600)
        #expect(plan.validation == .pending)
        #expect(plan.createdAt == R.now)
    }

    @Test func confidenceIsHypothesisTimesLaplaceSuccessRate() throws {
        func confidence(_ stats: RunbookStats) -> Double? {
            if case .plan(let p) = Planner(runbooks: [runbook], stats: stats).plan(request(confidence: 0.8), id: "p", at: R.now) {
                return p.confidence
            }
            return nil
        }
        #expect(abs(confidence(RunbookStats())! - 0.4) < 1e-9, "untried: 0.8 × 1/2")
        var stats = RunbookStats()
        let sig = RunbookStats.signature(cause: .diskFull, component: "inventory")
        for ok in [true, true, true, false] { stats.record(runbook: "free-disk", signature: sig, succeeded: ok) }
        #expect(stats.tally(runbook: "free-disk", signature: sig) == .init(successes: 3, attempts: 4))
        #expect(abs(confidence(stats)! - 0.8 * 4 / 6) < 1e-9)
        // another signature's history is used when this one has none
        var other = RunbookStats()
        other.set(runbook: "free-disk", signature: "disk_full/other", .init(successes: 8, attempts: 8))
        #expect(abs(confidence(other)! - 0.8 * 9 / 10) < 1e-9)
    }

    @Test func noMatchingRunbookSaysWhat() {
        guard case .noRunbook(let why) = Planner(runbooks: [runbook]).plan(request(kind: .db), id: "p", at: R.now) else {
            Issue.record("expected noRunbook"); return
        }
        #expect(why.contains("disk_full"))
        #expect(why.contains("db"))
    }

    @Test func aMissingLabelFailsRenderingInsteadOfLeavingBlanks() {
        let outcome = Planner(runbooks: [runbook]).plan(request(labels: [:]), id: "p", at: R.now)
        guard case .renderFailed(let name, let error) = outcome else { Issue.record("expected renderFailed, got \(outcome)"); return }
        #expect(name == "free-disk")
        #expect(error.message.contains("labels.mountpoint"))
    }

    @Test func requestFromADiagnosisTakesKindAndHostsFromTheTopology() throws {
        let diagnosis = Diagnosis(hypotheses: [
            Hypothesis(component: "inventory", cause: .diskFull, confidence: 0.7, explanation: "", evidence: []),
            Hypothesis(component: "api", cause: .processCrash, confidence: 0.2, explanation: "", evidence: []),
        ], evidence: [])
        let topology = [TopologyNode(service: "inventory", kind: .app, hosts: ["node-11"], dependsOn: [])]
        let request = try #require(PlanRequest(incidentID: "inc_1", diagnosis: diagnosis, topology: topology,
                                               labels: ["mountpoint": "/var"]))
        #expect(request.subject.kind == .app)
        #expect(request.subject.cause == .diskFull)
        #expect(request.hosts == ["node-11"])
        guard case .plan(let plan) = Planner(runbooks: [runbook]).plan(request, id: "p", at: R.now) else {
            Issue.record("expected a plan"); return
        }
        #expect(plan.steps[0].target == "node-11")
        let unknown = try #require(PlanRequest(incidentID: "i", diagnosis: diagnosis, topology: [], labels: ["instance": "node-3:9100"]))
        #expect(unknown.hosts == ["node-3"])
        #expect(unknown.subject.kind == nil)
        #expect(PlanRequest(incidentID: "i", diagnosis: Diagnosis(hypotheses: [], evidence: []), topology: []) == nil)
    }
}
