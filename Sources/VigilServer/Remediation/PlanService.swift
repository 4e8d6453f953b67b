import Foundation
import Logging
import VigilCore
import VigilExecutors
import VigilRemediate

/// Proposes, validates, gates and records remediation plans. One actor per process owns every plan-run
/// transition it makes; each transition is stored and audited before anything acts on it.
///
/// proposal: diagnosis → `Planner` (best runbook) → safety checks (`PlanValidator`) → dry run of every step in
/// check mode (its diff goes into the plan) → `submit` (a failed plan is rejected with its reasons, never
/// offered) → self-healing policies (`PolicyGate`, unless paused) → awaiting a person, or approved.
actor PlanService {
    typealias Stores = Store & PlanStore & SettingsStore & DiagnosisStore
    let store: any Stores
    let planner: Planner
    let validator: PlanValidator
    let executors: ExecutorRegistry
    let policies: [Policy]
    let approvals: (expiry: TimeInterval, destructive: Int)
    let topology: [TopologyNode]
    let clock: any WallClock
    let logger: Logger
    let automation: AutomationSwitch
    let alerts: any AlertSink
    /// Resolves an incident after a verified fix (`incident ID`, `what fixed it`).
    let resolveIncident: @Sendable (String, String) async throws -> Void
    let steps: StepRunner
    let ids = IdentifierGenerator()
    /// Plans this process is executing or verifying right now.
    var running: Set<String> = []

    init(store: any Stores, runbooks: [Runbook], validator: PlanValidator, executors: ExecutorRegistry, policies: [Policy],
         approvals: (expiry: TimeInterval, destructive: Int), topology: [TopologyNode], clock: any WallClock, logger: Logger,
         alerts: any AlertSink, steps: StepRunner, resolveIncident: @escaping @Sendable (String, String) async throws -> Void) {
        self.alerts = alerts
        self.steps = steps
        self.resolveIncident = resolveIncident
        self.store = store
        self.planner = Planner(runbooks: runbooks)
        self.validator = validator
        self.executors = executors
        self.policies = policies
        self.approvals = approvals
        self.topology = topology
        self.clock = clock
        self.logger = logger
        self.automation = AutomationSwitch(store: store, clock: clock)
    }

    enum ProposalOutcome: Sendable {
        case proposed(StoredPlan)
        /// A plan exists for the incident already.
        case exists(StoredPlan)
        case none(String)
    }

    /// Proposes a plan for an incident's diagnosis, once per incident (unless `force`).
    func propose(incident: Incident, diagnosis: Diagnosis, by actor: String, force: Bool = false) async throws -> ProposalOutcome {
        if !force, let existing = try await store.plans(state: nil, incidentID: incident.id, limit: 1).first {
            return .exists(existing)
        }
        guard let request = PlanRequest(incidentID: incident.id, diagnosis: diagnosis, topology: topology,
                                        labels: incident.groupLabels) else { return .none("the diagnosis has no hypothesis") }
        return try await propose(request, by: actor)
    }

    /// Plans, validates, dry-runs and submits a fix for one subject (an incident's diagnosis, or a request such as
    /// `POST /api/v1/ai/actions/scale` with no incident: empty `incidentID`).
    func propose(_ request: PlanRequest, by actor: String) async throws -> ProposalOutcome {
        var planner = self.planner
        planner.stats = try await stats()
        let now = clock.now()
        let subject = request.incidentID.isEmpty ? request.subject.component : request.incidentID
        switch planner.plan(request, id: ids.make("plan", at: now), at: now) {
        case .noRunbook(let why):
            try await audit(actor, "plan.none", subject, why)
            return .none(why)
        case .renderFailed(let runbook, let error):
            let why = "runbook \(runbook) does not fit: \(error)"
            try await audit(actor, "plan.none", subject, why)
            return .none(why)
        case .plan(var plan):
            plan.validation = validator.validation(of: plan, targets: request.hosts)
            try await audit(actor, "plan.proposed", plan.id,
                            "\(request.incidentID.isEmpty ? "no incident" : "incident \(request.incidentID)"): runbook \(plan.runbook) for \(plan.cause.rawValue) in \(plan.component)")
            if plan.validation.passed { (plan.validation, plan.dryRunDiff) = try await dryRun(plan) }
            return .proposed(try await submit(plan))
        }
    }

    /// Runs every step in check mode; the first failure refuses the plan.
    func dryRun(_ plan: Plan) async throws -> (PlanValidation, String?) {
        var diffs: [String] = []
        for (i, step) in plan.steps.enumerated() {
            guard let executor = executors.executor(for: step.executor) else {
                return (.failed(reasons: ["step \(i + 1): no \(step.executor.rawValue) executor is configured (executors:)"]), nil)
            }
            let outcome = await steps.run(step, executor: executor, mode: .check, plan: plan, index: i, phase: .check)
            if let diff = outcome.result?.diff, !diff.isEmpty { diffs.append("## step \(i + 1) (\(step.executor.rawValue), \(step.risk.rawValue))\n\(diff)") }
            guard outcome.succeeded else {
                return (.failed(reasons: ["step \(i + 1) (\(step.executor.rawValue) \(step.action)): dry run failed: \(outcome.summary)"]),
                        diffs.isEmpty ? nil : diffs.joined(separator: "\n"))
            }
        }
        return (.passed, diffs.isEmpty ? nil : diffs.joined(separator: "\n"))
    }

    private func submit(_ plan: Plan) async throws -> StoredPlan {
        let now = clock.now()
        var run = PlanRun(planID: plan.id, risk: plan.risk, destructiveApprovals: approvals.destructive, expiry: approvals.expiry)
        run = try PlanRunMachine.apply(.submit(plan.validation), to: run, at: now).run
        var stored = StoredPlan(plan: plan, run: run, updatedAt: now)
        try await store.savePlan(stored)
        if case .failed(let reasons) = plan.validation {
            try await audit(PlanRunMachine.system, "plan.refused", plan.id, reasons.joined(separator: "; "))
            logger.warning("plan refused", metadata: ["plan.id": "\(plan.id)", "plan.reasons": "\(reasons)"])
            return stored
        }
        try await audit(PlanRunMachine.system, "plan.validated", plan.id, "awaiting approval; risk \(plan.risk.rawValue)")
        let history = try await store.plans(state: nil, incidentID: nil, limit: 500).compactMap { p in
            p.executionStartedAt.map { PastRun(hosts: p.plan.hosts, startedAt: $0) }
        }
        switch PolicyGate.decide(plan, policies: policies, history: history, now: now, paused: await automation.isPaused()) {
        case .autoApprove(let policy):
            stored = try await apply(.autoApprove(policy: policy), to: stored, actor: "policy:\(policy)", note: "self-healing policy")
        case .needsHuman(let reasons):
            logger.notice("plan awaits approval", metadata: ["plan.id": "\(plan.id)", "plan.risk": "\(plan.risk.rawValue)",
                                                            "plan.why_not_automatic": "\(reasons.joined(separator: "; "))"])
        }
        return stored
    }

    /// Applies an event to a stored plan, saves and audits it; an unchanged run is neither saved nor audited.
    @discardableResult
    func apply(_ event: PlanRunMachine.Event, to stored: StoredPlan, actor: String, note: String) async throws -> StoredPlan {
        var s = stored
        let t = try PlanRunMachine.apply(event, to: s.run, at: clock.now())
        if case .unchanged = t.change { return s }
        s.run = t.run
        s.updatedAt = clock.now()
        try await store.savePlan(s)
        try await audit(actor, "plan.\(s.run.state.rawValue)", s.id, note)
        return s
    }

    func decide(planID: String, approve: Bool, by principal: Principal, reason: String) async throws -> StoredPlan {
        guard let stored = try await store.plan(id: planID) else { throw PlanNotFound(id: planID) }
        let event: PlanRunMachine.Event = approve
            ? .approve(by: principal.name, role: principal.role, reason: reason)
            : .reject(by: principal.name, role: principal.role, reason: reason)
        return try await apply(event, to: stored, actor: principal.name, note: reason)
    }

    func stats() async throws -> RunbookStats {
        var stats = RunbookStats()
        for t in try await store.runbookTallies() {
            stats.set(runbook: t.runbook, signature: t.signature, .init(successes: t.successes, attempts: t.attempts))
        }
        return stats
    }

    func audit(_ actor: String, _ action: String, _ subject: String, _ detail: String) async throws {
        let now = clock.now()
        _ = try await store.write { tx in
            try await tx.appendAudit(AuditRecord(actor: actor, action: action, subject: subject, detail: detail), at: now)
        }
    }
}

struct PlanNotFound: Error { var id: String }
