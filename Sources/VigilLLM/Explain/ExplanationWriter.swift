import Foundation
import VigilCore

/// What explaining a diagnosis produced.
public struct ExplanationOutcome: Sendable, Hashable {
    /// The diagnosis with the model's explanations, or the deterministic one unchanged.
    public var diagnosis: Diagnosis
    /// The model's one-paragraph summary, when a model wrote the explanation.
    public var summary: String?
    /// Why the deterministic text stands (no provider answered, invalid answers), or `nil`.
    public var fallbackReason: String?
    /// Requests sent: 0 (nothing to explain), 1, or 2 with the repair.
    public var requests: Int
}

/// Asks a language model to explain a deterministic diagnosis in words, and keeps it honest.
///
/// The prompt lists the hypotheses (best first) and the evidence IDs with summaries, trimmed by
/// `budget` so the best hypotheses' evidence goes first. The answer must be JSON
/// `{"summary", "hypotheses": [{"component", "cause", "explanation", "evidence": [ids]}]}` whose
/// components are the diagnosis's, whose causes are the diagnosed ones and whose evidence IDs were
/// all in the prompt. An invalid answer gets one repair request that lists the problems; if that
/// fails too, or no provider answers, the deterministic diagnosis comes back unchanged.
/// On success explanations are replaced, cited IDs are added to each hypothesis's evidence, and
/// `author` is `.model("provider/model")`; with `allowRerank` the model's order is kept (for the
/// hypotheses it named; the rest follow in their order). Confidences are never changed.
///
/// ```swift
/// let writer = ExplanationWriter(model: cachedChain, budget: TokenBudget(tokens: 1500))
/// let outcome = await writer.explain(diagnosis)
/// outcome.diagnosis.author // .model("openai/gpt-4.1-mini") or .deterministic
/// ```
public struct ExplanationWriter: Sendable {
    let model: any LanguageModel
    let budget: TokenBudget
    let allowRerank: Bool
    let maxAnswerTokens: Int

    public init(model: any LanguageModel, budget: TokenBudget = TokenBudget(tokens: 1500), allowRerank: Bool = false,
                maxAnswerTokens: Int = 800) {
        self.model = model
        self.budget = budget
        self.allowRerank = allowRerank
        self.maxAnswerTokens = maxAnswerTokens
    }

    public func explain(_ diagnosis: Diagnosis) async -> ExplanationOutcome {
        guard !diagnosis.hypotheses.isEmpty else {
            return ExplanationOutcome(diagnosis: diagnosis, fallbackReason: "nothing to explain", requests: 0)
        }
        let prompt = ExplanationPrompt(diagnosis: diagnosis, budget: budget)
        var request = LLMRequest(purpose: .analysis, system: prompt.system, user: prompt.user,
                                 format: .json(schema: ExplanationPrompt.schema), maxTokens: maxAnswerTokens,
                                 temperature: 0.2)
        var requests = 0
        while true {
            requests += 1
            let answer: LLMResponse
            do { answer = try await model.complete(request) } catch {
                return ExplanationOutcome(diagnosis: diagnosis, fallbackReason: error.description, requests: requests)
            }
            switch ExplanationValidator.validate(answer.text, against: prompt) {
            case .success(let explanation):
                return ExplanationOutcome(diagnosis: merge(explanation, into: diagnosis, author: answer.model),
                                          summary: explanation.summary, requests: requests)
            case .failure(let problems) where requests == 1:
                request.messages += [
                    .assistant(answer.text),
                    .user("That answer is invalid:\n\(problems.text)\nReply with the corrected JSON object only."),
                ]
            case .failure(let problems):
                return ExplanationOutcome(diagnosis: diagnosis, fallbackReason: "invalid answer after repair: "
                                              + problems.messages.joined(separator: "; "), requests: requests)
            }
        }
    }

    func merge(_ explanation: ModelExplanation, into diagnosis: Diagnosis, author: String) -> Diagnosis {
        let byComponent = Dictionary(explanation.hypotheses.map { ($0.component, $0) }, uniquingKeysWith: { a, _ in a })
        var hypotheses = diagnosis.hypotheses.map { h in
            guard let item = byComponent[h.component] else { return h }
            var out = h
            out.explanation = item.explanation
            out.evidence = h.evidence + item.evidence.filter { !h.evidence.contains($0) }
            return out
        }
        if allowRerank {
            let order = Dictionary(explanation.hypotheses.enumerated().map { ($1.component, $0) }, uniquingKeysWith: { a, _ in a })
            hypotheses = hypotheses.enumerated().sorted { a, b in
                (order[a.element.component] ?? Int.max, a.offset) < (order[b.element.component] ?? Int.max, b.offset)
            }.map(\.element)
        }
        var out = diagnosis
        out.hypotheses = hypotheses
        out.author = .model(author)
        return out
    }
}
