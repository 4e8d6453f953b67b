import Foundation
import VigilCore

/// What a rule would have done over past inputs (`POST /api/v1/automation/rules/{id}/test`):
/// its condition evaluated at each time, its state machine advanced, nothing acted on.
public struct RuleBacktest: Sendable, Hashable {
    /// The decisions it would have recorded (`acted` means it would have acted).
    public var decisions: [RuleDecision] = []
    public var evaluations = 0
    /// Evaluations at which the condition held.
    public var holding = 0
    /// Inputs that had no data at some evaluation.
    public var missing: [String] = []
    /// The state after the last evaluation.
    public var finalState: RuleState = .inactive
    /// The last evaluation.
    public var last: ConditionEvaluation?

    /// Replays `rule` over `history`, oldest first.
    ///
    /// ```swift
    /// let report = try RuleBacktest(rule, over: snapshots)   // [(time: Date, inputs: RuleInputSnapshot)]
    /// report.decisions.filter(\.acted).count                  // actions it would have requested
    /// ```
    public init<Inputs: RuleInputs>(_ rule: AutomationRule, over history: [(time: Date, inputs: Inputs)])
        throws(ConditionParseError)
    {
        let condition = try RuleCondition(rule.condition)
        var machine = RuleStateMachine(rule: rule, holdFor: condition.holdFor)
        for (time, inputs) in history {
            let e = condition.evaluate(inputs)
            evaluations += 1
            if e.holds { holding += 1 }
            for m in e.missing where !missing.contains(m) { missing.append(m) }
            if let d = machine.step(now: time, evaluation: e) { decisions.append(d) }
            last = e
        }
        finalState = machine.state
    }
}
