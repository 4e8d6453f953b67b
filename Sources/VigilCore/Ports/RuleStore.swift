import Foundation

/// Where automation rules and their decisions are kept.
///
/// ```swift
/// try await store.saveRule(rule)                        // insert or replace by id
/// try await store.recordDecisions(tick.decisions)
/// let recent = try await store.decisions(ruleID: nil, since: nil, limit: 100)
/// ```
public protocol RuleStore: Sendable {
    func saveRule(_ rule: AutomationRule, at time: Date) async throws
    /// Whether a rule with that id existed.
    func deleteRule(id: String) async throws -> Bool
    func automationRules() async throws -> [AutomationRule]
    func recordDecisions(_ decisions: [RuleDecision]) async throws
    /// Newest first.
    func decisions(ruleID: String?, since: Date?, limit: Int) async throws -> [RuleDecision]
}
