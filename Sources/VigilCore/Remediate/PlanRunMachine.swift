import Foundation

/// The plan-run lifecycle as a pure function: an event and a time in, the new run and what
/// changed out. Approve and reject are idempotent: repeating one changes nothing and answers
/// ``PlanRunChange/unchanged(_:)``, never an error.
///
/// ```swift
/// var run = PlanRun(planID: plan.id, risk: plan.risk)
/// run = try PlanRunMachine.apply(.submit(plan.validation), to: run, at: now).run
/// let t = try PlanRunMachine.apply(.approve(by: "ana", role: .operator, reason: "looks right"), to: run, at: now)
/// if case .moved(_, .approved) = t.change { /* start it */ }
/// ```
public enum PlanRunMachine {
    /// The actor recorded for moves Vigil makes by itself.
    public static let system = "vigil"

    public enum Event: Sendable, Hashable {
        /// Offer the plan for approval; a plan whose validation failed is rejected instead.
        case submit(PlanValidation)
        case approve(by: String, role: Role, reason: String)
        case reject(by: String, role: Role, reason: String)
        /// A self-healing policy approved it (`PolicyGate`); this alone satisfies `requiredApprovals`,
        /// since the policy's `max_risk` already decided what may run unattended. Recorded as `policy:<name>`.
        case autoApprove(policy: String)
        /// Nobody decided in time.
        case expire
        case start
        case finishExecution(ok: Bool)
        /// Whether the verification signals cleared.
        case verified(cleared: Bool)
        case rollbackDone(ok: Bool)
        case escalate

        var name: String {
            switch self {
            case .submit: "submit"
            case .approve: "approve"
            case .reject: "reject"
            case .autoApprove: "auto-approve"
            case .expire: "expire"
            case .start: "start"
            case .finishExecution: "finish execution of"
            case .verified: "verify"
            case .rollbackDone: "finish rollback of"
            case .escalate: "escalate"
            }
        }
    }

    /// An event applied: the run afterwards and what happened to it.
    public struct Transition: Sendable, Hashable {
        public var run: PlanRun
        public var change: PlanRunChange
    }

    public static func apply(_ event: Event, to run: PlanRun, at now: Date) throws(PlanRunError) -> Transition {
        switch event {
        case .submit(let validation): return try submit(run, validation, at: now)
        case .approve(let by, let role, let reason):
            return try approve(run, ApprovalDecision(by: by, role: role, reason: reason, at: now))
        case .reject(let by, let role, let reason):
            return try reject(run, ApprovalDecision(by: by, role: role, reason: reason, at: now))
        case .autoApprove(let policy):
            let actor = "policy:\(policy)"
            if run.hasApproved(actor) { return Transition(run: run, change: .unchanged("\(actor) already approved")) }
            try checkOpen(run, event.name, at: now)
            var next = run
            next.approvals.append(ApprovalDecision(by: actor, role: .operator, reason: "self-healing policy \(policy)", at: now))
            return move(next, to: .approved, at: now, actor: actor, note: "approved by self-healing policy \(policy)")
        case .expire:
            guard run.state == .awaitingApproval else { throw .illegal(event.name, run.state) }
            guard run.isOverdue(at: now), let expiresAt = run.expiresAt else { throw .notYetExpired(expiresAt: run.expiresAt ?? now) }
            return move(run, to: .expired, at: now, actor: system, note: "no decision by \(RFC3339.format(expiresAt))")
        case .start:
            return try step(run, event, from: .approved, to: .executing, at: now, note: "execution started")
        case .finishExecution(let ok):
            return try step(run, event, from: .executing, to: ok ? .verifying : .failed, at: now,
                            note: ok ? "execution finished" : "execution failed")
        case .verified(let cleared):
            return try step(run, event, from: .verifying, to: cleared ? .succeeded : .failed, at: now,
                            note: cleared ? "signals cleared" : "signals did not clear")
        case .rollbackDone(let ok):
            return try step(run, event, from: .failed, to: ok ? .rolledBack : .escalated, at: now,
                            note: ok ? "rolled back" : "rollback failed")
        case .escalate:
            guard run.state == .failed || run.state == .rolledBack else { throw .illegal(event.name, run.state) }
            return move(run, to: .escalated, at: now, actor: system, note: "escalated to people")
        }
    }

    private static func submit(_ run: PlanRun, _ validation: PlanValidation, at now: Date) throws(PlanRunError) -> Transition {
        guard run.state == .proposed else { throw .illegal("submit", run.state) }
        switch validation {
        case .pending:
            throw .notValidated
        case .passed:
            var next = run
            next.submittedAt = now
            return move(next, to: .awaitingApproval, at: now, actor: system, note: "validated; awaiting approval")
        case .failed(let reasons):
            var next = run
            next.validationFailure = reasons
            next.rejection = ApprovalDecision(by: system, role: .admin, reason: "validation failed", at: now)
            return move(next, to: .rejected, at: now, actor: system,
                        note: "validation failed: " + reasons.joined(separator: "; "))
        }
    }

    private static func approve(_ run: PlanRun, _ decision: ApprovalDecision) throws(PlanRunError) -> Transition {
        guard decision.role.allows(.operator) else { throw .forbidden(decision.by, decision.role) }
        if run.hasApproved(decision.by) { return Transition(run: run, change: .unchanged("\(decision.by) already approved")) }
        try checkOpen(run, "approve", at: decision.at)
        var next = run
        next.approvals.append(decision)
        guard next.approvals.count >= next.requiredApprovals else {
            next.history.append(PlanRunTransition(from: run.state, to: run.state, at: decision.at, actor: decision.by,
                                                  note: "approved (\(next.approvals.count) of \(next.requiredApprovals)): \(decision.reason)"))
            return Transition(run: next, change: .approvalRecorded(count: next.approvals.count, of: next.requiredApprovals))
        }
        return move(next, to: .approved, at: decision.at, actor: decision.by, note: "approved: \(decision.reason)")
    }

    private static func reject(_ run: PlanRun, _ decision: ApprovalDecision) throws(PlanRunError) -> Transition {
        guard decision.role.allows(.operator) else { throw .forbidden(decision.by, decision.role) }
        if run.state == .rejected { return Transition(run: run, change: .unchanged("already rejected")) }
        try checkOpen(run, "reject", at: decision.at)
        var next = run
        next.rejection = decision
        return move(next, to: .rejected, at: decision.at, actor: decision.by, note: "rejected: \(decision.reason)")
    }

    /// Refuses a decision unless the run awaits one and has not expired.
    private static func checkOpen(_ run: PlanRun, _ event: String, at now: Date) throws(PlanRunError) {
        switch run.state {
        case .awaitingApproval:
            if run.isOverdue(at: now), let at = run.expiresAt { throw .expired(at) }
        case .proposed:
            throw .illegal(event, run.state)
        case .expired:
            throw .expired(run.expiresAt ?? now)
        default:
            throw .alreadyDecided(run.state)
        }
    }

    private static func step(_ run: PlanRun, _ event: Event, from: PlanRunState, to: PlanRunState, at now: Date,
                             note: String) throws(PlanRunError) -> Transition {
        guard run.state == from else { throw .illegal(event.name, run.state) }
        return move(run, to: to, at: now, actor: system, note: note)
    }

    private static func move(_ run: PlanRun, to state: PlanRunState, at now: Date, actor: String, note: String) -> Transition {
        var next = run
        next.state = state
        next.history.append(PlanRunTransition(from: run.state, to: state, at: now, actor: actor, note: note))
        return Transition(run: next, change: .moved(from: run.state, to: state))
    }
}

/// What an applied event did.
public enum PlanRunChange: Sendable, Hashable {
    case moved(from: PlanRunState, to: PlanRunState)
    /// An approval was recorded but more distinct approvers are needed.
    case approvalRecorded(count: Int, of: Int)
    /// A repeated approve or reject; nothing changed.
    case unchanged(String)
}

/// Why an event was refused.
public enum PlanRunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The event makes no sense in this state (`start` a rejected plan).
    case illegal(String, PlanRunState)
    /// Approve/reject after someone already decided or the run moved on.
    case alreadyDecided(PlanRunState)
    /// Approve/reject at or after the expiry time.
    case expired(Date)
    case notYetExpired(expiresAt: Date)
    /// The caller's role is below `operator`.
    case forbidden(String, Role)
    /// `submit` with validation still pending.
    case notValidated

    public var description: String {
        switch self {
        case .illegal(let event, let state): "cannot \(event) a plan that is \(state.rawValue)"
        case .alreadyDecided(let state): "the plan was already decided and is \(state.rawValue)"
        case .expired(let at): "the plan expired at \(RFC3339.format(at)); ask for a new plan"
        case .notYetExpired(let at): "the plan does not expire before \(RFC3339.format(at))"
        case .forbidden(let who, let role): "\(who) has role \(role.rawValue); deciding on plans needs operator or admin"
        case .notValidated: "the plan has not been validated"
        }
    }
}
