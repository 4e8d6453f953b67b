import Foundation

/// A plan with its approval and execution state, as stored.
public struct StoredPlan: Sendable, Hashable, Codable {
    public var plan: Plan
    public var run: PlanRun
    /// When execution started and ended (the verification window starts at the end).
    public var executionStartedAt: Date?
    public var executionEndedAt: Date?
    /// What verification concluded, in words.
    public var verificationNote: String?
    public var updatedAt: Date

    public init(plan: Plan, run: PlanRun, executionStartedAt: Date? = nil, executionEndedAt: Date? = nil,
                verificationNote: String? = nil, updatedAt: Date) {
        self.plan = plan
        self.run = run
        self.executionStartedAt = executionStartedAt
        self.executionEndedAt = executionEndedAt
        self.verificationNote = verificationNote
        self.updatedAt = updatedAt
    }

    public var id: String { plan.id }
    public var state: PlanRunState { run.state }
}

/// One line of a plan's execution log (already redacted).
public struct PlanLogLine: Sendable, Hashable, Codable {
    public enum Phase: String, Sendable, Hashable, Codable { case check, apply, rollback, verify }
    public var time: Date
    public var step: Int
    public var phase: Phase
    public var text: String

    public init(time: Date, step: Int, phase: Phase, text: String) {
        self.time = time
        self.step = step
        self.phase = phase
        self.text = text
    }
}

/// How often a runbook worked for one signature (cause/component), from finished plans.
public struct RunbookTally: Sendable, Hashable {
    public var runbook: String
    public var signature: String
    public var successes: Int
    public var attempts: Int

    public init(runbook: String, signature: String, successes: Int, attempts: Int) {
        self.runbook = runbook
        self.signature = signature
        self.successes = successes
        self.attempts = attempts
    }
}

/// Plans, their runs and execution logs.
///
/// ```swift
/// try await store.savePlan(stored)                     // insert or replace by plan ID
/// let waiting = try await store.plans(state: .awaitingApproval, incidentID: nil, limit: 50)
/// ```
public protocol PlanStore: Sendable {
    func savePlan(_ plan: StoredPlan) async throws
    func plan(id: String) async throws -> StoredPlan?
    /// Newest first.
    func plans(state: PlanRunState?, incidentID: String?, limit: Int) async throws -> [StoredPlan]
    func appendPlanLog(planID: String, _ lines: [PlanLogLine]) async throws
    func planLog(planID: String, limit: Int) async throws -> [PlanLogLine]
    /// Success counts of finished plans (succeeded vs failed, rolled back or escalated after execution).
    func runbookTallies() async throws -> [RunbookTally]
}
