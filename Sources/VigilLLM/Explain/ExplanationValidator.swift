import Foundation
import VigilCore

/// A model's explanation after validation: every component, cause and evidence ID checked.
struct ModelExplanation: Sendable, Hashable {
    struct Item: Sendable, Hashable {
        var component: String
        var cause: CauseKind
        var explanation: String
        var evidence: [String]
    }

    var summary: String
    var hypotheses: [Item]
}

/// Checks a model's answer against what its prompt allowed; problems are phrased for the model,
/// since they are sent back in the repair request.
enum ExplanationValidator {
    /// Every cause name a hypothesis may carry.
    static let vocabulary = Set((CauseKind.standard + [.networkDelay, .codeException]).map(\.rawValue))

    static func validate(_ text: String, against prompt: ExplanationPrompt) -> Result<ModelExplanation, Problems> {
        guard let object = jsonObject(in: text) else {
            return .failure(Problems(["the answer is not a JSON object"]))
        }
        var problems: [String] = []
        let summary = (object["summary"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if summary.isEmpty { problems.append("\"summary\" must be a non-empty string") }
        guard let list = object["hypotheses"] as? [Any], !list.isEmpty else {
            return .failure(Problems(problems + ["\"hypotheses\" must be a non-empty array"]))
        }
        var items: [ModelExplanation.Item] = []
        var seen: Set<String> = []
        for (i, element) in list.enumerated() {
            let at = "hypotheses[\(i)]"
            guard let h = element as? [String: Any] else { problems.append("\(at) must be an object"); continue }
            let component = h["component"] as? String ?? ""
            let cause = h["cause"] as? String ?? ""
            let explanation = (h["explanation"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let evidence = h["evidence"] as? [Any] ?? []
            guard let expected = prompt.causes[component] else {
                let allowed = prompt.causes.keys.sorted().joined(separator: ", ")
                problems.append("\(at).component \"\(component)\" is not one of: \(allowed)")
                continue
            }
            if !seen.insert(component).inserted { problems.append("\(at).component \"\(component)\" is listed twice") }
            if !vocabulary.contains(cause) && cause != expected.rawValue {
                problems.append("\(at).cause \"\(cause)\" is not a known cause name")
            } else if cause != expected.rawValue {
                problems.append("\(at).cause for \(component) must be \"\(expected.rawValue)\" as diagnosed")
            }
            if explanation.isEmpty { problems.append("\(at).explanation must be a non-empty string") }
            if h["evidence"] != nil, !(h["evidence"] is [Any]) { problems.append("\(at).evidence must be an array of IDs") }
            var ids: [String] = []
            for id in evidence {
                guard let id = id as? String, prompt.evidenceIDs.contains(id) else {
                    problems.append("\(at).evidence cites \(id), which is not an ID listed under EVIDENCE")
                    continue
                }
                if !ids.contains(id) { ids.append(id) }
            }
            items.append(.init(component: component, cause: expected, explanation: explanation, evidence: ids))
        }
        guard problems.isEmpty else { return .failure(Problems(problems)) }
        return .success(ModelExplanation(summary: summary, hypotheses: items))
    }

    /// The JSON object in `text`: the whole text, or the span from the first `{` to the last `}`
    /// (models like to wrap JSON in prose or code fences).
    static func jsonObject(in text: String) -> [String: Any]? {
        guard let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}"), start < end else { return nil }
        let data = Data(text[start...end].utf8)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    struct Problems: Error, Sendable, Hashable {
        var messages: [String]
        init(_ messages: [String]) { self.messages = messages }
        var text: String { messages.prefix(8).map { "- " + $0 }.joined(separator: "\n") }
    }
}
