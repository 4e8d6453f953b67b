import Foundation
import VigilCore

/// A plan run as the policy gate remembers it: when it started and which hosts it touched.
public struct PastRun: Sendable, Hashable {
    public var hosts: [String]
    public var startedAt: Date
    public init(hosts: [String], startedAt: Date) {
        self.hosts = hosts
        self.startedAt = startedAt
    }
}

/// Decides whether a validated plan may run without a person: the first policy (in order) that
/// allows it wins. The global kill switch (`paused`) always wins over every policy.
///
/// ```swift
/// switch PolicyGate.decide(plan, policies: config.policies, history: recentRuns, now: clock.now(), paused: paused) {
/// case .autoApprove(let policy): approve(as: "policy:\(policy)")
/// case .needsHuman(let reasons): ask(reasons)
/// }
/// ```
public enum PolicyGate {
    public enum Decision: Sendable, Hashable {
        case autoApprove(policy: String)
        case needsHuman(reasons: [String])
    }

    public static func decide(_ plan: Plan, policies: [Policy], history: [PastRun], now: Date, paused: Bool) -> Decision {
        if paused { return .needsHuman(reasons: ["automation is paused"]) }
        guard plan.validation.passed else { return .needsHuman(reasons: ["the plan has not passed validation"]) }
        guard !policies.isEmpty else { return .needsHuman(reasons: ["no self-healing policy is configured"]) }
        var reasons: [String] = []
        for policy in policies {
            let refusals = refusals(plan, policy, history: history, now: now)
            if refusals.isEmpty { return .autoApprove(policy: policy.name) }
            reasons += refusals.map { "\(policy.name): \($0)" }
        }
        return .needsHuman(reasons: reasons)
    }

    /// Why `policy` does not allow `plan` now; empty when it does.
    public static func refusals(_ plan: Plan, _ policy: Policy, history: [PastRun], now: Date) -> [String] {
        var out: [String] = []
        if !policy.causes.isEmpty, !policy.causes.contains(plan.cause) { out.append("does not cover cause \(plan.cause)") }
        if !policy.runbooks.isEmpty, !policy.runbooks.contains(plan.runbook) { out.append("does not cover runbook \(plan.runbook)") }
        if plan.risk > policy.maxRisk { out.append("risk \(plan.risk) is above \(policy.maxRisk)") }
        if plan.confidence < policy.minConfidence {
            out.append("confidence \(percent(plan.confidence)) is below \(percent(policy.minConfidence))")
        }
        let hosts = plan.hosts
        if hosts.count > policy.maxBlastRadius { out.append("touches \(hosts.count) hosts, more than \(policy.maxBlastRadius)") }
        if !policy.windows.isEmpty, !policy.windows.contains(where: { $0.contains(now) }) { out.append("outside its time windows") }
        for host in hosts {
            let runs = history.filter { $0.hosts.contains(host) && $0.startedAt <= now }
            if let last = runs.map(\.startedAt).max(), now.timeIntervalSince(last) < policy.cooldown {
                out.append("\(host) is in cooldown until \(RFC3339.format(last.addingTimeInterval(policy.cooldown)))")
            }
            let lastHour = runs.filter { now.timeIntervalSince($0.startedAt) < 3600 }.count
            if lastHour + 1 > policy.maxRunsPerHostPerHour {
                out.append("\(host) had \(lastHour) runs in the last hour (limit \(policy.maxRunsPerHostPerHour))")
            }
        }
        return out
    }

    private static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
