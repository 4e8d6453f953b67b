import Foundation
import VigilCore

/// What the findings say about one component: how unwell it is, how much its
/// callers blame it, when it started, and the cause kinds its signals support.
struct ComponentState: Sendable {
    var symptom = 0.0
    var blame = 0.0
    var blamers = Set<String>()
    var onset: Date?
    /// Saturating sums of cause weights, in [0, 1).
    var causes: [CauseKind: Double] = [:]
    var changes: [CauseKind: Double] = [:]
    /// Indexes of the findings that speak for it.
    var findings: [Int] = []

    var anomaly: Double { max(symptom, blame) }

    static func build(_ findings: [Finding], graph: ServiceGraph) -> [String: ComponentState] {
        var states: [String: ComponentState] = [:]
        var raw: [String: [CauseKind: Double]] = [:]
        var rawChanges: [String: [CauseKind: Double]] = [:]
        var changeFindings: [Int] = []
        for (i, f) in findings.enumerated() where graph.nodes[f.component] != nil {
            if f.kind == .change { changeFindings.append(i); continue }
            var s = states[f.component, default: ComponentState()]
            s.findings.append(i)
            s.symptom = 1 - (1 - s.symptom) * (1 - min(1, f.symptom))
            if f.blame > 0 {
                s.blame = 1 - (1 - s.blame) * (1 - min(1, f.blame))
                if let o = f.observedAt { s.blamers.insert(o) }
            }
            if f.symptom >= 0.15 || f.blame >= 0.15, let t = f.onset {
                s.onset = min(s.onset ?? t, t)
            }
            states[f.component] = s
        }
        // cause signals that began well after the component's own trouble are consequences, not causes
        for f in findings where f.kind != .change && graph.nodes[f.component] != nil {
            let onset = states[f.component]?.onset
            let late = onset.map { (f.onset ?? $0) > $0.addingTimeInterval(300) } ?? false
            for (cause, w) in f.causes { raw[f.component, default: [:]][cause, default: 0] += late ? 0.3 * w : w }
        }
        // a change counts when it came before the component's own trouble (with a minute for skew)
        for i in changeFindings {
            let f = findings[i]
            var s = states[f.component, default: ComponentState()]
            s.findings.append(i)
            let late = (f.onset ?? .distantPast) > (s.onset ?? .distantFuture).addingTimeInterval(60)
            for (cause, w) in f.causes { rawChanges[f.component, default: [:]][cause, default: 0] += late ? 0.2 * w : w }
            states[f.component] = s
        }
        for (c, sums) in raw { states[c]?.causes = sums.mapValues { 1 - exp(-$0) } }
        for (c, sums) in rawChanges { states[c]?.changes = sums.mapValues { min(1, $0) } }
        return states
    }
}
