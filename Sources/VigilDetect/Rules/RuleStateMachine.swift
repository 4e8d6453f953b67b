import Foundation
import VigilCore

/// Where an automation rule stands.
public enum RuleState: Sendable, Hashable, Codable {
    /// The condition does not hold.
    case inactive
    /// The condition holds since `since` but not yet for the rule's `for` duration — or it has,
    /// and the confidence was below the threshold (`declined`: that decision is recorded once).
    case pending(since: Date, declined: Bool)
    /// The rule acted at `firedAt`; its condition holds since `since`.
    case firing(since: Date, firedAt: Date)
    /// The condition stopped holding after an action; no new action before `until`.
    /// `holdingSince` is set while the condition holds again meanwhile.
    case coolingDown(until: Date, holdingSince: Date?)

    /// The state's name as the API shows it.
    public var name: String {
        switch self {
        case .inactive: "inactive"
        case .pending: "pending"
        case .firing: "firing"
        case .coolingDown: "cooling_down"
        }
    }
}

/// The life of one rule, as a pure state machine: feed it each evaluation of the condition
/// with the time; it answers with a `RuleDecision` when the rule decides something.
///
/// ```
/// inactive ──holds──► pending ──held `for`, confident──► firing ──stops holding──► cooling down ──cooldown over──► inactive
///                       │  ▲                               │ still holds after cooldown: acts again
///                       │  └── held `for`, not confident: one decision that does not act; stays pending
///                       └── stops holding ──► inactive
/// ```
public struct RuleStateMachine: Sendable, Hashable {
    public let rule: AutomationRule
    /// Seconds the condition must hold (the condition's `for`).
    public let holdFor: TimeInterval
    public private(set) var state: RuleState = .inactive
    /// When the rule last acted.
    public private(set) var lastActed: Date?

    public init(rule: AutomationRule, holdFor: TimeInterval, state: RuleState = .inactive, lastActed: Date? = nil) {
        self.rule = rule
        self.holdFor = holdFor
        self.state = state
        self.lastActed = lastActed
    }

    /// Advances with one evaluation at `now`; returns the decision taken, if any.
    public mutating func step(now: Date, evaluation e: ConditionEvaluation) -> RuleDecision? {
        switch state {
        case .inactive:
            guard e.holds else { return nil }
            state = .pending(since: now, declined: false)
            return step(now: now, evaluation: e)
        case .pending(let since, let declined):
            guard e.holds else {
                state = .inactive
                return nil
            }
            guard now.timeIntervalSince(since) >= holdFor else { return nil }
            return decide(now: now, since: since, declined: declined, evaluation: e, repeated: false)
        case .firing(let since, let firedAt):
            let end = firedAt.addingTimeInterval(rule.cooldown)
            guard e.holds else {
                state = now < end ? .coolingDown(until: end, holdingSince: nil) : .inactive
                return nil
            }
            guard now >= end else { return nil }
            return decide(now: now, since: since, declined: false, evaluation: e, repeated: true)
        case .coolingDown(let until, let holdingSince):
            let holding = e.holds ? (holdingSince ?? now) : nil
            guard now >= until else {
                state = .coolingDown(until: until, holdingSince: holding)
                return nil
            }
            guard let holding else {
                state = .inactive
                return nil
            }
            state = .pending(since: holding, declined: false)
            return step(now: now, evaluation: e)
        }
    }

    private mutating func decide(now: Date, since: Date, declined: Bool, evaluation e: ConditionEvaluation,
                                 repeated: Bool) -> RuleDecision? {
        let confident = e.confidence >= rule.confidenceThreshold
        let held = "\(rule.condition) held for \(DurationText.format(now.timeIntervalSince(since)))"
            + (repeated ? ", still after the \(DurationText.format(rule.cooldown)) cooldown" : "")
        let scores = String(format: "%.2f", e.confidence) + (confident ? " ≥ " : " < ")
            + String(format: "%.2f", rule.confidenceThreshold)
        if confident {
            state = .firing(since: since, firedAt: now)
            lastActed = now
            return decision(now: now, evaluation: e, acted: true, reason: "\(held); confidence \(scores)")
        }
        state = .pending(since: since, declined: true)
        guard !declined else { return nil }
        return decision(now: now, evaluation: e, acted: false, reason: "\(held); confidence \(scores), not acting")
    }

    private func decision(now: Date, evaluation e: ConditionEvaluation, acted: Bool, reason: String) -> RuleDecision {
        RuleDecision(ruleID: rule.id, ruleName: rule.name, time: now, condition: rule.condition, inputs: e.inputs,
                     confidence: e.confidence, threshold: rule.confidenceThreshold, action: rule.action,
                     parameters: rule.parameters, acted: acted, reason: reason)
    }
}
