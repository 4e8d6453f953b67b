import Foundation
import VigilCore

/// The prompt that asks a model to explain a deterministic diagnosis, and what the answer may
/// cite: the components of the diagnosis's hypotheses (with their causes) and the evidence IDs
/// that survived the token budget.
struct ExplanationPrompt: Sendable {
    let system: String
    let user: String
    /// Evidence IDs shown to the model; the only ones it may cite.
    let evidenceIDs: Set<String>
    /// Component → the cause the diagnosis gives it.
    let causes: [String: CauseKind]
    /// Evidence lines left out to fit the budget.
    let droppedEvidence: Int

    static let schema = """
        {"type":"object","required":["summary","hypotheses"],"properties":{\
        "summary":{"type":"string"},\
        "hypotheses":{"type":"array","items":{"type":"object","required":["component","cause","explanation","evidence"],\
        "properties":{"component":{"type":"string"},"cause":{"type":"string"},"explanation":{"type":"string"},\
        "evidence":{"type":"array","items":{"type":"string"}}}}}}}
        """

    init(diagnosis: Diagnosis, budget: TokenBudget) {
        causes = Dictionary(diagnosis.hypotheses.map { ($0.component, $0.cause) }, uniquingKeysWith: { a, _ in a })
        system = """
            You are the incident analyst of Vigil, an operations tool. Vigil has already ranked the likely \
            root causes of an incident; you explain them to an on-call engineer.
            Rules:
            - Talk only about the components listed under HYPOTHESES, and keep each one's cause as given.
            - Cite evidence only by the IDs listed under EVIDENCE; never make up an ID.
            - Be concrete and short: what failed, why it explains the symptoms, what the evidence shows.
            - List the hypotheses best first.
            Answer with one JSON object and nothing else, shaped like:
            {"summary": "one or two sentences", "hypotheses": [{"component": "name", "cause": "cause_name", \
            "explanation": "why", "evidence": ["ID", "ID"]}]}
            """
        let ranked = Self.rankedEvidence(diagnosis)
        let lines = ranked.map { e in "\(e.id) [\(e.kind.rawValue)] \(e.component): \(e.summary)" }
        let header = diagnosis.hypotheses.enumerated().map { i, h in
            "\(i + 1). component=\(h.component) cause=\(h.cause.rawValue) confidence=\(String(format: "%.2f", h.confidence))"
        }
        let fixed = system + "HYPOTHESES (best first):\n" + header.joined(separator: "\n") + "\nEVIDENCE:\n"
        let (kept, dropped) = budget.fit(lines, fixedText: fixed)
        let keptIDs = Set(ranked.prefix(kept.count).map(\.id))
        evidenceIDs = keptIDs
        droppedEvidence = dropped
        let cited = diagnosis.hypotheses.map { h in h.evidence.filter(keptIDs.contains) }
        let hypothesisLines = zip(header, cited).map { line, ids in
            ids.isEmpty ? line : line + " evidence=" + ids.joined(separator: ",")
        }
        user = "HYPOTHESES (best first):\n" + hypothesisLines.joined(separator: "\n")
            + "\nEVIDENCE (most relevant first):\n" + (kept.isEmpty ? "(none)" : kept.joined(separator: "\n"))
    }

    /// Evidence the best hypotheses cite first (in their order), then the rest by strength.
    static func rankedEvidence(_ diagnosis: Diagnosis) -> [DiagnosisEvidence] {
        var seen: Set<String> = []
        var out: [DiagnosisEvidence] = []
        for id in diagnosis.hypotheses.flatMap(\.evidence) {
            guard let e = diagnosis.evidence(id: id), seen.insert(id).inserted else { continue }
            out.append(e)
        }
        let rest = diagnosis.evidence.filter { !seen.contains($0.id) }
            .enumerated().sorted { ($0.element.strength, -$0.offset) > ($1.element.strength, -$1.offset) }.map(\.element)
        return out + rest
    }
}
