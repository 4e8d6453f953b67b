import Foundation
import Testing
import VigilCore
import VigilTesting

@Suite struct PlanRunMachineTests {
    let clock = TestClock()

    private func apply(_ event: PlanRunMachine.Event, _ run: PlanRun) throws(PlanRunError) -> PlanRunMachine.Transition {
        try PlanRunMachine.apply(event, to: run, at: clock.now())
    }

    /// A run submitted (validation passed) at the clock's current time.
    private func awaiting(_ risk: Risk = .reversible, approvals: Int = 2, expiry: TimeInterval = PlanRun.defaultExpiry) throws -> PlanRun {
        let run = PlanRun(planID: "plan_1", risk: risk, destructiveApprovals: approvals, expiry: expiry)
        let t = try apply(.submit(.passed), run)
        #expect(t.change == .moved(from: .proposed, to: .awaitingApproval))
        return t.run
    }

    private func approve(_ who: String, _ run: PlanRun, role: Role = .operator) throws(PlanRunError) -> PlanRunMachine.Transition {
        try apply(.approve(by: who, role: role, reason: "ok by \(who)"), run)
    }

    @Test func submitStartsTheOneHourExpiry() throws {
        let run = try awaiting()
        #expect(run.state == .awaitingApproval)
        #expect(run.submittedAt == clock.now())
        #expect(run.expiresAt == clock.now().addingTimeInterval(3600))
    }

    @Test func failedValidationIsRejectedAndNeverAwaitsApproval() throws {
        let run = PlanRun(planID: "p", risk: .reversible)
        let t = try apply(.submit(.failed(reasons: ["module 'raw' is not allowed"])), run)
        #expect(t.run.state == .rejected)
        #expect(t.run.validationFailure == ["module 'raw' is not allowed"])
        #expect(t.run.history.last?.note.contains("module 'raw'") == true)
        #expect(throws: PlanRunError.alreadyDecided(.rejected)) { try approve("ana", t.run) }
        #expect(throws: PlanRunError.illegal("submit", .rejected)) { try apply(.submit(.passed), t.run) }
    }

    @Test func pendingValidationCannotBeSubmitted() {
        #expect(throws: PlanRunError.notValidated) { try apply(.submit(.pending), PlanRun(planID: "p", risk: .readOnly)) }
    }

    @Test func oneApprovalApprovesAReversiblePlanAndRecordsWhoWhyWhen() throws {
        let run = try awaiting()
        clock.advance(by: 90)
        let t = try approve("ana", run)
        #expect(t.change == .moved(from: .awaitingApproval, to: .approved))
        #expect(t.run.approvals == [ApprovalDecision(by: "ana", role: .operator, reason: "ok by ana", at: clock.now())])
        #expect(t.run.history.last == PlanRunTransition(from: .awaitingApproval, to: .approved, at: clock.now(), actor: "ana",
                                                        note: "approved: ok by ana"))
    }

    @Test func approvingTwiceIsUnchangedNotAnError() throws {
        let approved = try approve("ana", try awaiting()).run
        clock.advance(by: 5)
        let again = try approve("ana", approved)
        #expect(again.run == approved)
        guard case .unchanged = again.change else { Issue.record("expected .unchanged, got \(again.change)"); return }
        // still idempotent once it runs
        let executing = try apply(.start, approved).run
        #expect(try approve("ana", executing).run == executing)
    }

    @Test func viewersCannotDecide() throws {
        let run = try awaiting()
        #expect(throws: PlanRunError.forbidden("vic", .viewer)) { try approve("vic", run, role: .viewer) }
        #expect(throws: PlanRunError.forbidden("vic", .viewer)) {
            try apply(.reject(by: "vic", role: .viewer, reason: "no"), run)
        }
        #expect(try approve("root", run, role: .admin).run.state == .approved)
    }

    @Test func destructivePlansNeedTwoDistinctApprovers() throws {
        let run = try awaiting(.destructive)
        #expect(run.requiredApprovals == 2)
        let first = try approve("ana", run)
        #expect(first.change == .approvalRecorded(count: 1, of: 2))
        #expect(first.run.state == .awaitingApproval)
        let same = try approve("ana", first.run)
        #expect(same.run == first.run, "the same person twice is not two approvals")
        let second = try approve("bob", same.run)
        #expect(second.change == .moved(from: .awaitingApproval, to: .approved))
        #expect(second.run.approvals.map(\.by) == ["ana", "bob"])
    }

    @Test func requiredApprovalsIsConfigurableAndOnlyForDestructive() throws {
        #expect(PlanRun(planID: "p", risk: .destructive, destructiveApprovals: 3).requiredApprovals == 3)
        #expect(PlanRun(planID: "p", risk: .destructive, destructiveApprovals: 1).requiredApprovals == 1)
        #expect(PlanRun(planID: "p", risk: .reversible, destructiveApprovals: 3).requiredApprovals == 1)
        var run = try awaiting(.destructive, approvals: 3)
        run = try approve("a", run).run
        run = try approve("b", run).run
        #expect(run.state == .awaitingApproval)
        #expect(try approve("c", run).run.state == .approved)
    }

    @Test func approvingAtOrAfterExpiryFailsClearly() throws {
        let run = try awaiting()
        clock.advance(by: 3599)
        #expect(try approve("ana", run).run.state == .approved, "one second before expiry still counts")
        clock.advance(by: 1)
        #expect(throws: PlanRunError.expired(run.expiresAt!)) { try approve("ana", run) }
        do {
            _ = try approve("ana", run)
        } catch {
            #expect(error.description.contains("expired at"))
        }
    }

    @Test func expireOnlyWhenDueThenDecisionsFail() throws {
        let run = try awaiting(expiry: 600)
        clock.advance(by: 599)
        #expect(throws: PlanRunError.notYetExpired(expiresAt: run.expiresAt!)) { try apply(.expire, run) }
        clock.advance(by: 1)
        let expired = try apply(.expire, run)
        #expect(expired.change == .moved(from: .awaitingApproval, to: .expired))
        #expect(expired.run.history.last?.actor == PlanRunMachine.system)
        #expect(throws: PlanRunError.expired(run.expiresAt!)) { try approve("ana", expired.run) }
        #expect(throws: PlanRunError.expired(run.expiresAt!)) { try apply(.reject(by: "ana", role: .operator, reason: "x"), expired.run) }
        #expect(throws: PlanRunError.illegal("start", .expired)) { try apply(.start, expired.run) }
    }

    @Test func rejectIsIdempotentAndFinal() throws {
        let run = try awaiting()
        let rejected = try apply(.reject(by: "ana", role: .operator, reason: "wrong host"), run)
        #expect(rejected.change == .moved(from: .awaitingApproval, to: .rejected))
        #expect(rejected.run.rejection?.reason == "wrong host")
        let again = try apply(.reject(by: "ana", role: .operator, reason: "wrong host"), rejected.run)
        #expect(again.run == rejected.run)
        #expect(throws: PlanRunError.alreadyDecided(.rejected)) { try approve("bob", rejected.run) }
        #expect(throws: PlanRunError.illegal("start", .rejected)) { try apply(.start, rejected.run) }
    }

    @Test func rejectAfterOneOfTwoApprovalsRejects() throws {
        let half = try approve("ana", try awaiting(.destructive)).run
        let t = try apply(.reject(by: "bob", role: .operator, reason: "too risky"), half)
        #expect(t.run.state == .rejected)
        #expect(throws: PlanRunError.alreadyDecided(.approved)) {
            try apply(.reject(by: "bob", role: .operator, reason: "late"), try approve("bob", try awaiting()).run)
        }
    }

    @Test func aPolicyApprovesAloneAndIsRecordedByName() throws {
        let run = try awaiting(.destructive)
        let t = try apply(.autoApprove(policy: "nights"), run)
        #expect(t.change == .moved(from: .awaitingApproval, to: .approved))
        #expect(t.run.approvals.map(\.by) == ["policy:nights"])
        #expect(t.run.history.last?.actor == "policy:nights")
        #expect(try apply(.autoApprove(policy: "nights"), t.run).run == t.run, "repeat is unchanged")
        clock.advance(by: 3600)
        #expect(throws: PlanRunError.expired(run.expiresAt!)) { try apply(.autoApprove(policy: "nights"), run) }
        #expect(throws: PlanRunError.alreadyDecided(.rejected)) {
            try apply(.autoApprove(policy: "p"), try apply(.reject(by: "ana", role: .operator, reason: "no"), try awaiting()).run)
        }
    }

    @Test func happyPathToSucceeded() throws {
        var run = try approve("ana", try awaiting()).run
        for (event, state) in [(PlanRunMachine.Event.start, PlanRunState.executing), (.finishExecution(ok: true), .verifying),
                               (.verified(cleared: true), .succeeded)] {
            clock.advance(by: 30)
            run = try apply(event, run).run
            #expect(run.state == state)
            #expect(run.history.last?.at == clock.now())
        }
        #expect(run.state.isTerminal)
        #expect(run.history.map(\.to) == [.awaitingApproval, .approved, .executing, .verifying, .succeeded])
    }

    @Test func failurePathsRollBackAndEscalate() throws {
        let executing = try apply(.start, try approve("ana", try awaiting()).run).run
        let verifying = try apply(.finishExecution(ok: true), executing).run
        let failed = try apply(.verified(cleared: false), verifying).run
        #expect(failed.state == .failed)
        let rolledBack = try apply(.rollbackDone(ok: true), failed).run
        #expect(rolledBack.state == .rolledBack)
        #expect(try apply(.escalate, rolledBack).run.state == .escalated)
        #expect(try apply(.rollbackDone(ok: false), failed).run.state == .escalated)
        #expect(try apply(.escalate, failed).run.state == .escalated)
        #expect(try apply(.finishExecution(ok: false), executing).run.state == .failed)
    }

    @Test func illegalTransitionsAreTypedErrors() throws {
        let run = try awaiting()
        #expect(throws: PlanRunError.illegal("start", .awaitingApproval)) { try apply(.start, run) }
        #expect(throws: PlanRunError.illegal("submit", .awaitingApproval)) { try apply(.submit(.passed), run) }
        let approved = try approve("ana", run).run
        #expect(throws: PlanRunError.illegal("finish execution of", .approved)) { try apply(.finishExecution(ok: true), approved) }
        #expect(throws: PlanRunError.illegal("verify", .approved)) { try apply(.verified(cleared: true), approved) }
        #expect(throws: PlanRunError.illegal("escalate", .approved)) { try apply(.escalate, approved) }
        #expect(throws: PlanRunError.illegal("approve", .proposed)) { try approve("ana", PlanRun(planID: "p", risk: .readOnly)) }
        let succeeded = try apply(.verified(cleared: true), try apply(.finishExecution(ok: true), try apply(.start, approved).run).run).run
        #expect(throws: PlanRunError.illegal("finish rollback of", .succeeded)) { try apply(.rollbackDone(ok: true), succeeded) }
        #expect(throws: PlanRunError.alreadyDecided(.succeeded)) { try approve("bob", succeeded) }
    }

    @Test func planRiskIsTheRiskiestStepIncludingRollbacks() {
        let undo = PlanStep(executor: .command, target: "local", action: "x", risk: .destructive)
        let steps = [PlanStep(executor: .docker, target: "a", action: "restart", risk: .readOnly, rollback: undo),
                     PlanStep(executor: .ssh, target: "b,c", action: "true", risk: .reversible)]
        let plan = Plan(id: "p", incidentID: "i", runbook: "r", component: "api", cause: .processCrash, steps: steps,
                        verification: VerificationSpec(), confidence: 0.5, createdAt: Date())
        #expect(plan.risk == .destructive)
        #expect(plan.hosts == ["a", "b", "c"])
        #expect([Risk.destructive, .readOnly, .reversible].sorted() == [.readOnly, .reversible, .destructive])
    }

    @Test func verificationCoversOnlyItsSignals() throws {
        let spec = VerificationSpec(alertNames: ["DiskFull"], matchers: [try Matcher.parse(#"host="n1""#)], window: 300)
        #expect(spec.covers(["alertname": "DiskFull", "host": "n1"]))
        #expect(!spec.covers(["alertname": "DiskFull", "host": "n2"]))
        #expect(!spec.covers(["alertname": "HighCPU", "host": "n1"]))
        let t0 = clock.now()
        #expect(!spec.isCleared(firing: [], since: t0, now: t0.addingTimeInterval(299)), "window not over")
        #expect(spec.isCleared(firing: [["alertname": "HighCPU", "host": "n1"]], since: t0, now: t0.addingTimeInterval(300)))
        #expect(!spec.isCleared(firing: [["alertname": "DiskFull", "host": "n1"]], since: t0, now: t0.addingTimeInterval(900)))
    }

    @Test func planStepRoundTripsThroughJSONWithItsRollback() throws {
        let step = PlanStep(executor: .ansible, target: "n1", action: "restart", parameters: ["service": "api"], risk: .reversible,
                            playbook: "- hosts: n1\n", timeout: 60,
                            rollback: PlanStep(executor: .ssh, target: "n1", action: "systemctl start api", risk: .reversible))
        let back = try JSONDecoder().decode(PlanStep.self, from: try JSONEncoder().encode(step))
        #expect(back == step)
        #expect(back.rollback?.action == "systemctl start api")
    }

    @Test func planAndRunRoundTripThroughJSON() throws {
        let run = try approve("ana", try awaiting(.destructive)).run
        #expect(try JSONDecoder().decode(PlanRun.self, from: try JSONEncoder().encode(run)) == run)
        let plan = Plan(id: "p", incidentID: "i", runbook: Plan.llmDraft, component: "api", cause: .processCrash,
                        steps: [PlanStep(executor: .docker, target: "n1", action: "restart", risk: .reversible)],
                        verification: VerificationSpec(alertNames: ["A"], matchers: [try Matcher.parse(#"service="api""#)]),
                        confidence: 0.4, dryRunDiff: "--- a\n+++ b", validation: .failed(reasons: ["x"]), createdAt: clock.now())
        #expect(try JSONDecoder().decode(Plan.self, from: try JSONEncoder().encode(plan)) == plan)
    }
}
