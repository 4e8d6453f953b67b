import Foundation
import VigilCore

/// Gives findings evidence IDs as hypotheses cite them (`A1`, `L3`, `M7`, `C1`, `T2`),
/// so every ID in a diagnosis names a piece it carries.
struct EvidenceBook: Sendable {
    let findings: [Finding]
    private(set) var pieces: [DiagnosisEvidence] = []
    private var idOfFinding: [Int: String] = [:]
    private var counters: [DiagnosisEvidence.Kind: Int] = [:]

    init(findings: [Finding]) { self.findings = findings }

    /// IDs of the (at most five) findings that best support `cause` on their component.
    mutating func cite(_ indexes: [Int], for cause: CauseKind) -> [String] {
        let ranked = indexes.filter { findings[$0].strength >= 0.05 }.sorted { a, b in
            relevance(findings[a], cause) > relevance(findings[b], cause)
        }
        return ranked.prefix(5).map { id(for: $0) }
    }

    private func relevance(_ f: Finding, _ cause: CauseKind) -> Double {
        2 * (f.causes[cause] ?? 0) + f.symptom + f.blame + 0.1 * f.strength
    }

    private mutating func id(for index: Int) -> String {
        if let id = idOfFinding[index] { return id }
        let f = findings[index]
        let id = next(f.kind)
        idOfFinding[index] = id
        pieces.append(DiagnosisEvidence(id: id, kind: f.kind, component: f.component, observedAt: f.observedAt,
                                        causes: f.causes.filter { $0.value > 0.05 }.keys.sorted(), onset: f.onset,
                                        strength: (f.strength * 1000).rounded() / 1000, summary: f.summary))
        return id
    }

    private mutating func next(_ kind: DiagnosisEvidence.Kind) -> String {
        counters[kind, default: 0] += 1
        return "\(kind.prefix)\(counters[kind]!)"
    }

    /// A topology fact: which anomalous services depend on the component and which of its dependencies are unwell.
    mutating func topologyFact(_ service: String, state: ComponentState, states: [String: ComponentState],
                               graph: ServiceGraph) -> String {
        let callers = graph.reach(from: service, up: true).keys.filter { (states[$0]?.anomaly ?? 0) >= 0.3 }.sorted()
        let deps = graph.reach(from: service).keys.filter { (states[$0]?.anomaly ?? 0) >= 0.3 }.sorted()
        let kind = graph.kind(service).map(\.rawValue) ?? "service"
        var text = "\(service) (\(kind)): "
        text += callers.isEmpty ? "no unwell callers" : "unwell callers \(callers.joined(separator: ", "))"
        text += deps.isEmpty ? "; no unwell dependencies" : "; unwell dependencies \(deps.joined(separator: ", "))"
        let id = next(.topology)
        pieces.append(DiagnosisEvidence(id: id, kind: .topology, component: service, onset: state.onset,
                                        strength: (state.anomaly * 1000).rounded() / 1000, summary: text))
        return id
    }

    func evidence(id: String) -> DiagnosisEvidence? { pieces.first { $0.id == id } }
}
