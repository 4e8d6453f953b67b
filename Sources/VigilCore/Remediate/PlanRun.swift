import Foundation

/// Where a plan is in its life.
///
/// ```
/// proposed ─submit(passed)─► awaitingApproval ─approve ×N / autoApprove─► approved ─start─► executing
///    │                          │        │                                   │ finishExecution
///    └─submit(failed)─► rejected ◄─reject┘  └─expire─► expired                ▼
///                                               succeeded ◄─verified(true)─ verifying
///                                                                             │ verified(false) / finishExecution(false)
///                                  escalated ◄─escalate / rollbackDone(false)─ failed ─rollbackDone(true)─► rolledBack
///                                       ▲─────────────────escalate──────────────────────────────────────────┘
/// ```
public enum PlanRunState: String, Sendable, Hashable, Codable, CaseIterable {
    case proposed
    case awaitingApproval = "awaiting_approval"
    case approved, rejected, expired, executing, verifying, succeeded, failed
    case rolledBack = "rolled_back"
    case escalated

    /// No event moves a run out of these.
    public var isTerminal: Bool { [.rejected, .expired, .succeeded, .escalated].contains(self) }
}

/// One person's decision on a plan: who, with what role, why, when.
public struct ApprovalDecision: Sendable, Hashable, Codable {
    public var by: String
    public var role: Role
    public var reason: String
    public var at: Date

    public init(by: String, role: Role, reason: String, at: Date) {
        self.by = by
        self.role = role
        self.reason = reason
        self.at = at
    }
}

/// One move of the state machine, kept for the audit trail and the API.
public struct PlanRunTransition: Sendable, Hashable, Codable {
    public var from: PlanRunState
    public var to: PlanRunState
    public var at: Date
    /// Who caused it: a person, a policy (`policy:<name>`) or `vigil`.
    public var actor: String
    public var note: String

    public init(from: PlanRunState, to: PlanRunState, at: Date, actor: String, note: String) {
        self.from = from
        self.to = to
        self.at = at
        self.actor = actor
        self.note = note
    }
}

/// The approval and execution state of one plan. Change it only through
/// ``PlanRunMachine/apply(_:to:at:)``.
public struct PlanRun: Sendable, Hashable, Codable {
    /// The expiry used when none is given: one hour after submission.
    public static let defaultExpiry: TimeInterval = 3600

    public var planID: String
    public var state: PlanRunState
    public var risk: Risk
    /// Distinct approvals needed before the plan may run.
    public var requiredApprovals: Int
    /// How long after submission approval is still possible.
    public var expiry: TimeInterval
    public var approvals: [ApprovalDecision]
    public var rejection: ApprovalDecision?
    public var submittedAt: Date?
    /// Why validation refused the plan, when it did.
    public var validationFailure: [String]?
    public var history: [PlanRunTransition]

    /// A new run in `proposed`. Destructive plans need `destructiveApprovals` distinct approvers
    /// (at least 1); other plans need one.
    public init(planID: String, risk: Risk, destructiveApprovals: Int = 2, expiry: TimeInterval = PlanRun.defaultExpiry) {
        self.planID = planID
        self.state = .proposed
        self.risk = risk
        self.requiredApprovals = risk == .destructive ? max(1, destructiveApprovals) : 1
        self.expiry = expiry
        self.approvals = []
        self.rejection = nil
        self.submittedAt = nil
        self.validationFailure = nil
        self.history = []
    }

    /// When approval stops being possible; `nil` before submission.
    public var expiresAt: Date? { submittedAt?.addingTimeInterval(expiry) }

    /// Whether the run waits for approval past its expiry at `now`.
    public func isOverdue(at now: Date) -> Bool {
        guard state == .awaitingApproval, let expiresAt else { return false }
        return now >= expiresAt
    }

    /// Whether `actor` already approved.
    public func hasApproved(_ actor: String) -> Bool { approvals.contains { $0.by == actor } }
}
