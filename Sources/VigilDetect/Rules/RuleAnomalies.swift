import Foundation
import VigilCore

/// The anomaly a firing rule raises, kept open while it fires and resolved when it stops.
enum RuleAnomalies {
    /// Opens, refreshes or resolves `open` from the machine's state; returns the anomaly to
    /// publish this tick, if any.
    static func update(_ open: inout Anomaly?, machine: RuleStateMachine, evaluation: ConditionEvaluation?,
                       now: Date) -> Anomaly? {
        let rule = machine.rule
        guard case .firing(let since, let firedAt) = machine.state else {
            guard var closing = open else { return nil }
            closing.resolvedAt = now
            open = nil
            return closing
        }
        var a = open ?? Anomaly(
            id: "rule_\(rule.id)_\(Int64(since.timeIntervalSince1970))", source: .rules, kind: .ruleFiring,
            service: rule.labels["service"] ?? "vigil", host: rule.labels["host"], subject: "rule:\(rule.id)",
            title: "Rule '\(rule.name)' fired: \(rule.condition)", score: 1, severity: rule.severity, onset: since,
            detectedAt: firedAt, evidence: AnomalyEvidence())
        if let e = evaluation {
            a.score = min(1, max(0, e.confidence))
            var details = ["condition": rule.condition, "action": rule.action, "rule_id": rule.id]
            for (name, value) in e.inputs { details["input." + name] = value.formatted }
            a.evidence = AnomalyEvidence(observed: e.value, expected: e.threshold, details: details,
                                         summary: "\(rule.condition) (action \(rule.action), confidence "
                                             + String(format: "%.2f", e.confidence) + ")")
        }
        open = a
        return a
    }

    /// The anomaly's alert with the rule's labels added (they never replace the anomaly's own).
    static func alert(_ a: Anomaly, rule: AutomationRule, now: Date, hold: TimeInterval) -> Alert {
        var alert = a.asAlert(at: now, holdFor: hold)
        alert.labels.merge(rule.labels) { own, _ in own }
        alert.labels["rule"] = rule.id
        return alert
    }
}
