import Foundation
import Logging
import VigilCore
import VigilExecutors

extension PlanService {
    /// What the service loop should do now: plans to start (approved, automation not paused). Expires overdue
    /// approvals and verifies plans whose window has passed on the way.
    func due() async throws -> [String] {
        let now = clock.now()
        for s in try await store.plans(state: .awaitingApproval, incidentID: nil, limit: 500) where s.run.isOverdue(at: now) {
            try await apply(.expire, to: s, actor: PlanRunMachine.system, note: "nobody decided within \(Int(s.run.expiry / 60)) min")
        }
        for s in try await store.plans(state: .verifying, incidentID: nil, limit: 500) {
            let end = (s.executionEndedAt ?? s.updatedAt).addingTimeInterval(s.plan.verification.window)
            if now >= end, !running.contains(s.id) { try await verify(s) }
        }
        guard !(await automation.isPaused()) else { return [] }
        return try await store.plans(state: .approved, incidentID: nil, limit: 50).map(\.id).filter { !running.contains($0) }
    }

    /// Runs an approved plan's steps for real, in order, stopping at the first failure; then waits for
    /// verification, or rolls back and escalates.
    func execute(_ id: String) async {
        guard !running.contains(id) else { return }
        running.insert(id)
        defer { running.remove(id) }
        do {
            guard var s = try await store.plan(id: id), s.state == .approved, !(await automation.isPaused()) else { return }
            s.executionStartedAt = clock.now()
            s = try await apply(.start, to: s, actor: PlanRunMachine.system, note: "executing \(s.plan.steps.count) step(s)")
            var done: [Int] = []
            var failure: String?
            for (i, step) in s.plan.steps.enumerated() {
                guard let executor = executors.executor(for: step.executor) else {
                    failure = "no \(step.executor.rawValue) executor"; break
                }
                let outcome = await steps.run(step, executor: executor, mode: .apply, plan: s.plan, index: i, phase: .apply)
                done.append(i)
                if !outcome.succeeded { failure = "step \(i + 1): \(outcome.summary)"; break }
            }
            s.executionEndedAt = clock.now()
            s = try await apply(.finishExecution(ok: failure == nil), to: s, actor: PlanRunMachine.system,
                                note: failure ?? "all steps succeeded; verifying for \(Int(s.plan.verification.window)) s")
            if failure != nil { try await rollBackAndEscalate(s, executed: done, why: failure ?? "") }
        } catch {
            logger.error("plan execution failed", metadata: ["plan.id": "\(id)", "plan.error": "\(error)"])
        }
    }

    /// Did the incident's signals clear? Succeeded resolves the incident; otherwise roll back and escalate.
    func verify(_ stored: StoredPlan) async throws {
        let since = stored.executionEndedAt ?? stored.updatedAt
        let now = clock.now()
        let active = try await store.activeAlerts().filter { $0.status == .firing }.map(\.alert.labels)
        let fresh = try await store.alerts(AlertQuery(since: since, limit: 1000)).items.map(\.alert.labels)
        let firing = (active + fresh).filter { $0["alertname"] != Self.failureAlert }
        let spec = stored.plan.verification
        let still = firing.filter(spec.covers)
        let cleared = spec.isCleared(firing: firing, since: since, now: now)
        var s = stored
        s.verificationNote = cleared
            ? "signals clear for \(Int(spec.window)) s after execution"
            : "still firing: " + Set(still.map { $0["alertname"] ?? "?" }).sorted().joined(separator: ", ")
        try await store.appendPlanLog(planID: s.id, [PlanLogLine(time: now, step: -1, phase: .verify, text: s.verificationNote ?? "")])
        s = try await apply(.verified(cleared: cleared), to: s, actor: PlanRunMachine.system, note: s.verificationNote ?? "")
        if cleared {
            do { if !s.plan.incidentID.isEmpty { try await resolveIncident(s.plan.incidentID, "plan \(s.id) (\(s.plan.runbook))") } } catch {
                logger.notice("incident not resolved by plan", metadata: ["plan.id": "\(s.id)", "incident.error": "\(error)"])
            }
        } else {
            try await rollBackAndEscalate(s, executed: Array(s.plan.steps.indices), why: s.verificationNote ?? "")
        }
    }

    static let failureAlert = "RemediationFailed"

    /// Runs the rollback of every executed step that has one, newest first; then escalates: the run is marked
    /// escalated and a critical `RemediationFailed` alert tells people.
    func rollBackAndEscalate(_ stored: StoredPlan, executed: [Int], why: String) async throws {
        var s = stored
        let rollbacks = executed.reversed().compactMap { i in s.plan.steps[i].rollback.map { (i, $0) } }
        if !rollbacks.isEmpty {
            var ok = true
            for (i, step) in rollbacks {
                guard let executor = executors.executor(for: step.executor) else { ok = false; continue }
                let outcome = await steps.run(step, executor: executor, mode: .apply, plan: s.plan, index: i, phase: .rollback)
                ok = ok && outcome.succeeded
            }
            s = try await apply(.rollbackDone(ok: ok), to: s, actor: PlanRunMachine.system,
                                note: ok ? "rolled back \(rollbacks.count) step(s)" : "rollback failed")
        }
        if s.state != .escalated {
            s = try await apply(.escalate, to: s, actor: PlanRunMachine.system, note: why)
        }
        var labels: LabelSet = ["alertname": Self.failureAlert, "severity": "critical", "plan": s.id, "incident": s.plan.incidentID]
        labels["service"] = s.plan.component
        let now = clock.now()
        alerts.forward([Alert(labels: labels,
                              annotations: ["summary": "Automatic fix \(s.plan.runbook) did not work for \(s.plan.component)",
                                            "description": why], startsAt: now, endsAt: now.addingTimeInterval(3600),
                              source: "vigil")])
    }
}
