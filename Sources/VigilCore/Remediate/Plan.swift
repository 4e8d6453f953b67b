import Foundation

/// The outcome of checking a plan before anyone is asked to approve it.
public enum PlanValidation: Sendable, Hashable, Codable {
    /// Not checked yet; such a plan cannot be submitted.
    case pending
    case passed
    /// Why the plan may not run, one reason per problem found.
    case failed(reasons: [String])

    public var passed: Bool { self == .passed }
}

/// A proposed fix for one incident: rendered steps from a runbook (or a language model's
/// draft), what must clear afterwards, and how sure Vigil is that it helps.
///
/// ```swift
/// let plan = Plan(id: "plan_1", incidentID: "inc_1", runbook: "restart-service", component: "api",
///                 cause: .processCrash, steps: [step], verification: spec, confidence: 0.7, createdAt: now)
/// plan.risk // the riskiest step's risk
/// ```
public struct Plan: Sendable, Hashable, Codable {
    /// The `runbook` value of a plan a language model drafted.
    public static let llmDraft = "llm-draft"

    public var id: String
    public var incidentID: String
    /// The runbook's name, or ``llmDraft``.
    public var runbook: String
    /// The diagnosed component and cause the plan answers.
    public var component: String
    public var cause: CauseKind
    public var steps: [PlanStep]
    public var verification: VerificationSpec
    /// In [0, 1]: the hypothesis's confidence times the runbook's smoothed success rate.
    public var confidence: Double
    /// What a check-mode run said it would change, shown in the approval request.
    public var dryRunDiff: String?
    public var validation: PlanValidation
    public var createdAt: Date

    public init(id: String, incidentID: String, runbook: String, component: String, cause: CauseKind,
                steps: [PlanStep], verification: VerificationSpec, confidence: Double, dryRunDiff: String? = nil,
                validation: PlanValidation = .pending, createdAt: Date) {
        self.id = id
        self.incidentID = incidentID
        self.runbook = runbook
        self.component = component
        self.cause = cause
        self.steps = steps
        self.verification = verification
        self.confidence = confidence
        self.dryRunDiff = dryRunDiff
        self.validation = validation
        self.createdAt = createdAt
    }

    /// The riskiest step's risk (`readOnly` for a plan without steps). Rollback steps count too.
    public var risk: Risk {
        steps.flatMap { [$0.risk] + ($0.rollback.map { [$0.risk] } ?? []) }.max() ?? .readOnly
    }

    /// Every host the plan's steps (and their rollbacks) touch, sorted, once each.
    public var hosts: [String] {
        Set(steps.flatMap { $0.hosts + ($0.rollback?.hosts ?? []) }).sorted()
    }
}
