import Foundation
import VigilCore

/// Many automation rules and their states, evaluated together each tick.
///
/// ```swift
/// var engine = RuleEngine()
/// try engine.upsert(rule)
/// let needed = engine.inputs                         // gather these into a RuleInputSnapshot
/// let tick = engine.tick(now: clock.now(), inputs: snapshot)
/// tick.decisions                                     // record them; act on those with `acted`
/// tick.alerts                                        // hand them to the correlator
/// ```
///
/// Pure: no I/O and no clock of its own. A firing rule yields an open `Anomaly` (source
/// `rules`) on every tick, as detectors re-send theirs, and a resolved one on the tick it stops
/// firing; its alert carries the rule's labels.
public struct RuleEngine: Sendable {
    struct Entry: Sendable {
        var condition: RuleCondition
        var machine: RuleStateMachine
        var last: ConditionEvaluation?
        var anomaly: Anomaly?
    }

    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    /// How long a firing rule's alert stays firing without being re-sent.
    public var alertHold: TimeInterval

    public init(alertHold: TimeInterval = 300) {
        self.alertHold = alertHold
    }

    /// Adds a rule or replaces the one with its id. A replaced rule keeps its state when its
    /// condition is unchanged; otherwise it starts inactive.
    public mutating func upsert(_ rule: AutomationRule) throws(ConditionParseError) {
        let condition = try RuleCondition(rule.condition)
        if var entry = entries[rule.id] {
            let keep = entry.condition == condition
            entry.machine = RuleStateMachine(rule: rule, holdFor: condition.holdFor,
                                             state: keep ? entry.machine.state : .inactive,
                                             lastActed: entry.machine.lastActed)
            entry.condition = condition
            entries[rule.id] = entry
        } else {
            entries[rule.id] = Entry(condition: condition, machine: RuleStateMachine(rule: rule, holdFor: condition.holdFor))
            order.append(rule.id)
        }
    }

    /// Removes a rule; returns false when there was none with that id.
    @discardableResult
    public mutating func remove(id: String) -> Bool {
        guard entries.removeValue(forKey: id) != nil else { return false }
        order.removeAll { $0 == id }
        return true
    }

    /// The rules, in the order they were added.
    public var rules: [AutomationRule] { order.compactMap { entries[$0]?.machine.rule } }

    public func state(of id: String) -> RuleState? { entries[id]?.machine.state }

    /// The latest evaluation of a rule's condition.
    public func lastEvaluation(of id: String) -> ConditionEvaluation? { entries[id]?.last }

    /// Each rule with its state, latest evaluation and last action, in the order added — what
    /// `GET /api/v1/automation/rules` shows.
    public var statuses: [RuleStatus] {
        order.compactMap { id in
            entries[id].map { RuleStatus(rule: $0.machine.rule, state: $0.machine.state, holdFor: $0.condition.holdFor,
                                         lastEvaluation: $0.last, lastActed: $0.machine.lastActed) }
        }
    }

    /// Every input the enabled rules read, once each.
    public var inputs: [RuleInput] {
        var out: [RuleInput] = []
        for id in order {
            guard let e = entries[id], e.machine.rule.enabled else { continue }
            for input in e.condition.inputs where !out.contains(input) { out.append(input) }
        }
        return out
    }

    /// Evaluates every enabled rule at `now`.
    public mutating func tick(now: Date, inputs: some RuleInputs) -> RuleTick {
        var tick = RuleTick()
        for id in order {
            guard var entry = entries[id] else { continue }
            let rule = entry.machine.rule
            if rule.enabled {
                let evaluation = entry.condition.evaluate(inputs)
                entry.last = evaluation
                if let d = entry.machine.step(now: now, evaluation: evaluation) { tick.decisions.append(d) }
            } else {
                entry.machine = RuleStateMachine(rule: rule, holdFor: entry.condition.holdFor,
                                                 lastActed: entry.machine.lastActed)
            }
            if let a = RuleAnomalies.update(&entry.anomaly, machine: entry.machine, evaluation: entry.last, now: now) {
                tick.anomalies.append(a)
                tick.alerts.append(RuleAnomalies.alert(a, rule: rule, now: now, hold: alertHold))
            }
            entries[id] = entry
        }
        return tick
    }
}

/// What one tick of a `RuleEngine` produced.
public struct RuleTick: Sendable, Hashable {
    public var decisions: [RuleDecision] = []
    /// Open anomalies of firing rules, and those resolved this tick.
    public var anomalies: [Anomaly] = []
    /// The anomalies' alerts, with the rules' labels.
    public var alerts: [Alert] = []
}

/// A rule as the engine sees it.
public struct RuleStatus: Sendable, Hashable {
    public var rule: AutomationRule
    public var state: RuleState
    /// The condition's `for`, in seconds.
    public var holdFor: TimeInterval
    public var lastEvaluation: ConditionEvaluation?
    public var lastActed: Date?
}
