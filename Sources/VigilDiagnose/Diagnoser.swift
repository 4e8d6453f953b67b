import Foundation
import VigilCore

/// The deterministic diagnosis: evidence from a window, ranked (component,
/// cause kind) pairs, calibrated confidences and an explanation per hypothesis.
///
/// ```swift
/// let diagnosis = Diagnoser().diagnose(try ScenarioDecoder.decode(data))
/// diagnosis.top?.component // "auth-service"
/// ```
public struct Diagnoser: Sendable {
    /// How many hypotheses to return (one per component, its most likely cause).
    public var limit: Int
    /// Softmax temperature over pair scores; tuned on the benchmark's reliability table.
    public var temperature: Double

    public init(limit: Int = 5, temperature: Double = 0.35) {
        self.limit = limit
        self.temperature = temperature
    }

    public func diagnose(_ scenario: Scenario) -> Diagnosis {
        let graph = ServiceGraph(scenario.topology)
        let scan = LogScan(scenario.logs, graph: graph)
        let t0 = OnsetEstimator.estimate(scenario, scan: scan, graph: graph)
        var findings = scan.findings(onset: t0, start: scenario.start, end: scenario.end, graph: graph)
        findings += MetricFindings.findings(scenario.metrics, onset: t0, graph: graph)
        findings += AlertChangeFindings.alerts(scenario.alerts, onset: t0, start: scenario.start, graph: graph)
        findings += AlertChangeFindings.changes(scenario.changes, onset: t0, graph: graph)
        let states = ComponentState.build(findings, graph: graph)
        let pairs = RootCauseRanker().rank(states, graph: graph)
        let probabilities = Calibration.softmax(pairs.map(\.score), temperature: temperature)

        var book = EvidenceBook(findings: findings)
        var hypotheses: [Hypothesis] = []
        var seen = Set<String>()
        for (pair, p) in zip(pairs, probabilities) where seen.insert(pair.component).inserted {
            let state = states[pair.component] ?? ComponentState()
            var ids = book.cite(state.findings, for: pair.cause)
            ids.append(book.topologyFact(pair.component, state: state, states: states, graph: graph))
            let text = Explanation.text(component: pair.component, cause: pair.cause, state: state, t0: t0,
                                        cited: ids.compactMap(book.evidence(id:)))
            hypotheses.append(Hypothesis(component: pair.component, cause: pair.cause, confidence: p,
                                         explanation: text, evidence: ids))
            if hypotheses.count == limit { break }
        }
        return Diagnosis(hypotheses: hypotheses, evidence: book.pieces, author: .deterministic, onset: t0)
    }
}

/// Turns scores into probabilities.
enum Calibration {
    static func softmax(_ scores: [Double], temperature: Double) -> [Double] {
        guard let top = scores.max() else { return [] }
        let e = scores.map { exp(($0 - top) / max(1e-6, temperature)) }
        let sum = e.reduce(0, +)
        return e.map { ($0 / sum * 1000).rounded() / 1000 }
    }
}
