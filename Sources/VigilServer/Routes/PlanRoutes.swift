import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilRemediate

/// Plans and the automation kill switch: `GET /api/v1/plans`, `GET /api/v1/plans/{id}`,
/// `POST /api/v1/plans/{id}/approve|reject`, `POST /api/v1/incidents/{id}/plan`,
/// `GET /api/v1/automation/status`, `POST /api/v1/automation/pause|resume`.
struct PlanRoutes {
    let plans: PlanService
    let store: any Store & PlanStore & DiagnosisStore
    let automation: AutomationSwitch

    struct Decision: Decodable { var reason: String? }

    func register(on v1: RouterGroup<VigilRequestContext>) {
        v1.get("plans") { request, context in
            _ = try context.require(.viewer)
            let state = try request.query("status") { PlanRunState(rawValue: $0) }
            let items = try await store.plans(state: state, incidentID: request.uri.queryParameters.get("incident"),
                                               limit: try request.queryLimit(default: 50, max: 500))
            return try JSONResponse.make(["items": items.map { PlanDTO($0) }])
        }
        v1.get("plans/{id}") { _, context in
            _ = try context.require(.viewer)
            let id = try context.parameters.require("id")
            guard let stored = try await store.plan(id: id) else { throw HTTPError(.notFound, message: "no plan with id '\(id)'") }
            return try JSONResponse.make(PlanDTO(stored, log: try await store.planLog(planID: id, limit: 2000)))
        }
        v1.post("plans/{id}/approve") { request, context in
            try await decide(request, context, approve: true)
        }
        v1.post("plans/{id}/reject") { request, context in
            try await decide(request, context, approve: false)
        }
        v1.post("incidents/{id}/plan") { _, context in
            let who = try context.require(.operator)
            let id = try context.parameters.require("id")
            guard let incident = try await store.incident(id: id) else { throw HTTPError(.notFound, message: "no incident with id '\(id)'") }
            guard let diagnosis = try await store.diagnosis(incidentID: id) else {
                throw HTTPError(.conflict, message: "incident '\(id)' has no diagnosis yet (POST /api/v1/incidents/\(id)/analyze)")
            }
            return try await answer(try await plans.propose(incident: incident, diagnosis: diagnosis.diagnosis, by: who.name))
        }
        v1.get("automation/status") { _, context in
            _ = try context.require(.viewer)
            return try JSONResponse.make(try await automation.status())
        }
        v1.post("automation/pause") { request, context in
            let who = try context.require(.operator)
            var request = request
            let body = try await decodeAPIBody(Decision.self, &request, emptyIsObject: true)
            return try JSONResponse.make(try await automation.set(paused: true, by: who.name, reason: body.reason ?? "paused"))
        }
        v1.post("automation/resume") { request, context in
            let who = try context.require(.admin)
            var request = request
            let body = try await decodeAPIBody(Decision.self, &request, emptyIsObject: true)
            return try JSONResponse.make(try await automation.set(paused: false, by: who.name, reason: body.reason ?? "resumed"))
        }
    }

    private func decide(_ request: Request, _ context: VigilRequestContext, approve: Bool) async throws -> Response {
        let who = try context.require(.operator)
        let id = try context.parameters.require("id")
        var request = request
        let body = try await decodeAPIBody(Decision.self, &request, emptyIsObject: true)
        let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !approve && reason.isEmpty { throw HTTPError(.unprocessableContent, message: "reason: a rejection needs a reason") }
        do {
            let stored = try await plans.decide(planID: id, approve: approve, by: who, reason: reason.isEmpty ? "approved" : reason)
            return try JSONResponse.make(PlanDTO(stored))
        } catch is PlanNotFound {
            throw HTTPError(.notFound, message: "no plan with id '\(id)'")
        } catch let e as PlanRunError {
            switch e {
            case .forbidden: throw HTTPError(.forbidden, message: e.description)
            case .expired: throw HTTPError(.gone, message: e.description)
            default: throw HTTPError(.conflict, message: e.description)
            }
        }
    }

    func answer(_ outcome: PlanService.ProposalOutcome) throws -> Response {
        switch outcome {
        case .proposed(let p): return try JSONResponse.make(PlanDTO(p), status: .created)
        case .exists(let p): return try JSONResponse.make(PlanDTO(p))
        case .none(let why): throw HTTPError(.unprocessableContent, message: "no plan: \(why)")
        }
    }
}

/// A plan as the API shows it: the plan, its run (state, approvals, history) and, for one plan, its log.
struct PlanDTO: Encodable {
    var id: String
    var incidentId: String
    var status: String
    var runbook: String
    var component: String
    var cause: String
    var risk: String
    var confidence: Double
    var steps: [PlanStep]
    var verification: VerificationSpec
    var dryRunDiff: String?
    var validation: PlanValidation
    var requiredApprovals: Int
    var approvals: [ApprovalDecision]
    var rejection: ApprovalDecision?
    var expiresAt: Date?
    var history: [PlanRunTransition]
    var createdAt: Date
    var updatedAt: Date
    var executionStartedAt: Date?
    var executionEndedAt: Date?
    var verification_: String?
    var log: [PlanLogLine]?

    enum CodingKeys: String, CodingKey {
        case id, incidentId, status, runbook, component, cause, risk, confidence, steps, verification, dryRunDiff, validation
        case requiredApprovals, approvals, rejection, expiresAt, history, createdAt, updatedAt, executionStartedAt
        case executionEndedAt, verification_ = "verificationResult", log
    }

    init(_ s: StoredPlan, log: [PlanLogLine]? = nil) {
        id = s.plan.id
        incidentId = s.plan.incidentID
        status = s.run.state.rawValue
        runbook = s.plan.runbook
        component = s.plan.component
        cause = s.plan.cause.rawValue
        risk = s.plan.risk.rawValue
        confidence = s.plan.confidence
        steps = s.plan.steps
        verification = s.plan.verification
        dryRunDiff = s.plan.dryRunDiff
        validation = s.plan.validation
        requiredApprovals = s.run.requiredApprovals
        approvals = s.run.approvals
        rejection = s.run.rejection
        expiresAt = s.run.expiresAt
        history = s.run.history
        createdAt = s.plan.createdAt
        updatedAt = s.updatedAt
        executionStartedAt = s.executionStartedAt
        executionEndedAt = s.executionEndedAt
        verification_ = s.verificationNote
        self.log = log
    }
}
