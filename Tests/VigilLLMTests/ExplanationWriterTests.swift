import Foundation
import Testing
import VigilCore
@testable import VigilLLM
import VigilTesting

@Suite struct ExplanationWriterTests {
    let diagnosis = Diagnosis(
        hypotheses: [
            Hypothesis(component: "db", cause: .diskFull, confidence: 0.7, explanation: "db: disk full (rules)", evidence: ["L1", "M1"]),
            Hypothesis(component: "api", cause: .dependencyOutage, confidence: 0.2, explanation: "api: waits on db",
                       evidence: ["A1", "L2"]),
            Hypothesis(component: "cache", cause: .cpuSaturation, confidence: 0.1, explanation: "cache: busy", evidence: ["M2"]),
        ],
        evidence: [
            DiagnosisEvidence(id: "A1", kind: .alert, component: "api", strength: 0.6, summary: "ApiHighErrorRate firing since 10:03"),
            DiagnosisEvidence(id: "L1", kind: .log, component: "db", causes: [.diskFull], strength: 0.9,
                              summary: "'could not extend file: No space left on device' x120 since 10:02"),
            DiagnosisEvidence(id: "L2", kind: .log, component: "db", observedAt: "api", strength: 0.5,
                              summary: "api logs 'timeout talking to db' x300"),
            DiagnosisEvidence(id: "M1", kind: .metric, component: "db", causes: [.diskFull], strength: 0.95,
                              summary: "free disk on db-1 fell from 12% to 0.1%"),
            DiagnosisEvidence(id: "M2", kind: .metric, component: "cache", causes: [.cpuSaturation], strength: 0.3,
                              summary: "cache cpu 65% (baseline 40%)"),
            DiagnosisEvidence(id: "T1", kind: .topology, component: "db", strength: 0.2, summary: "api depends on db"),
        ])

    func answer(_ hypotheses: String, summary: String = "The db volume filled up; api errors follow.") -> String {
        #"{"summary": "\#(summary)", "hypotheses": [\#(hypotheses)]}"#
    }

    let good = #"{"component": "db", "cause": "disk_full", "explanation": "Writes fail: the data volume is full.", "evidence": ["L1", "M1", "T1"]}, {"component": "api", "cause": "dependency_outage", "explanation": "It times out on db.", "evidence": ["L2"]}"#

    @Test func aValidAnswerReplacesExplanationsAndNamesTheModel() async throws {
        let model = ScriptedLanguageModel(model: "local/smollm2", texts: [answer(good)])
        let outcome = await ExplanationWriter(model: model).explain(diagnosis)
        let d = outcome.diagnosis
        #expect(d.author == .model("local/smollm2") && outcome.fallbackReason == nil && outcome.requests == 1)
        #expect(outcome.summary == "The db volume filled up; api errors follow.")
        #expect(d.hypotheses.map(\.component) == ["db", "api", "cache"])
        #expect(d.hypotheses.map(\.confidence) == [0.7, 0.2, 0.1], "confidences are the ranking's")
        #expect(d.hypotheses[0].explanation == "Writes fail: the data volume is full.")
        #expect(d.hypotheses[0].evidence == ["L1", "M1", "T1"])
        #expect(d.hypotheses[2].explanation == "cache: busy", "a hypothesis the model skipped keeps its text")

        let request = try #require(model.requests.first)
        #expect(request.purpose == .analysis && request.format.wantsJSON && request.messages.count == 1)
        let user = request.messages[0].content
        #expect(user.contains("1. component=db cause=disk_full confidence=0.70 evidence=L1,M1"))
        #expect(user.contains("M1 [metric] db: free disk on db-1 fell from 12% to 0.1%"))
        // The best hypothesis's evidence comes first, then the rest by strength.
        let order = ["L1", "M1", "A1", "L2", "M2", "T1"].map { user.range(of: "\n\($0) [")!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test func inventedEvidenceGetsOneRepairThatCanSucceed() async throws {
        let invented = #"{"component": "db", "cause": "disk_full", "explanation": "Full.", "evidence": ["L1", "L99"]}"#
        let model = ScriptedLanguageModel(texts: [answer(invented), answer(good)])
        let outcome = await ExplanationWriter(model: model).explain(diagnosis)
        #expect(outcome.requests == 2 && outcome.diagnosis.author == .model("scripted/model"))
        #expect(!outcome.diagnosis.hypotheses.flatMap(\.evidence).contains("L99"))
        let repair = try #require(model.requests.last)
        #expect(repair.messages.count == 3 && repair.messages[1] == .assistant(answer(invented)))
        #expect(repair.messages[2].content.contains("cites L99, which is not an ID listed under EVIDENCE"))
    }

    @Test func twoInvalidAnswersLeaveTheDeterministicDiagnosisUnchanged() async {
        let invented = #"{"component": "frontend", "cause": "deploy_regression", "explanation": "A bad deploy.", "evidence": []}"#
        let model = ScriptedLanguageModel(texts: [answer(invented), answer(invented)])
        let outcome = await ExplanationWriter(model: model).explain(diagnosis)
        #expect(outcome.diagnosis == diagnosis && outcome.diagnosis.author == .deterministic)
        #expect(outcome.requests == 2 && outcome.summary == nil)
        #expect(outcome.fallbackReason?.contains("\"frontend\" is not one of: api, cache, db") == true)
    }

    @Test func malformedJSONIsRepairedOnceThenGivenUp() async {
        let model = ScriptedLanguageModel(texts: ["Sure! The root cause is the database.", "{\"summary\": \"db\", \"hypotheses\": ["])
        let outcome = await ExplanationWriter(model: model).explain(diagnosis)
        #expect(outcome.diagnosis == diagnosis && outcome.requests == 2)
        #expect(model.requests[1].messages[2].content.contains("not a JSON object"))
    }

    @Test func schemaViolationsAreAllReported() async throws {
        let wrong = #"{"component": "db", "cause": "cosmic_rays", "explanation": "", "evidence": "L1"}, {"component": "api", "cause": "disk_full", "explanation": "x", "evidence": []}"#
        let model = ScriptedLanguageModel(texts: [answer(wrong, summary: ""), answer(good)])
        _ = await ExplanationWriter(model: model).explain(diagnosis)
        let feedback = try #require(model.requests.last?.messages.last?.content)
        #expect(feedback.contains("\"summary\" must be a non-empty string"))
        #expect(feedback.contains("hypotheses[0].cause \"cosmic_rays\" is not a known cause name"))
        #expect(feedback.contains("hypotheses[0].explanation must be a non-empty string"))
        #expect(feedback.contains("hypotheses[0].evidence must be an array of IDs"))
        #expect(feedback.contains("hypotheses[1].cause for api must be \"dependency_outage\" as diagnosed"))
    }

    @Test func jsonWrappedInProseOrFencesIsAccepted() async {
        let model = ScriptedLanguageModel(texts: ["Here you go:\n```json\n" + answer(good) + "\n```"])
        #expect(await ExplanationWriter(model: model).explain(diagnosis).requests == 1)
    }

    @Test func rerankingFollowsTheModelOnlyWhenAllowedAndOnlyAmongDeterministicHypotheses() async {
        let swapped = #"{"component": "api", "cause": "dependency_outage", "explanation": "a", "evidence": []}, {"component": "db", "cause": "disk_full", "explanation": "b", "evidence": []}"#
        let kept = await ExplanationWriter(model: ScriptedLanguageModel(texts: [answer(swapped)])).explain(diagnosis)
        #expect(kept.diagnosis.hypotheses.map(\.component) == ["db", "api", "cache"])
        let reranked = await ExplanationWriter(model: ScriptedLanguageModel(texts: [answer(swapped)]), allowRerank: true)
            .explain(diagnosis)
        #expect(reranked.diagnosis.hypotheses.map(\.component) == ["api", "db", "cache"])
        #expect(reranked.diagnosis.hypotheses.map(\.confidence) == [0.2, 0.7, 0.1])
    }

    @Test func theBudgetKeepsTheBestRankedEvidenceAndTheModelMayNotCiteTheRest() async throws {
        let ranked = ["L1", "M1", "A1", "L2", "M2", "T1"]
        var budgetForTwo: Int?
        for tokens in stride(from: 100, through: 800, by: 2) {
            let prompt = ExplanationPrompt(diagnosis: diagnosis, budget: TokenBudget(tokens: tokens))
            let kept = ranked.filter(prompt.evidenceIDs.contains)
            #expect(kept == Array(ranked.prefix(kept.count)), "budget \(tokens) kept \(kept): not a ranked prefix")
            #expect(prompt.droppedEvidence == ranked.count - kept.count)
            if kept.count == 2, budgetForTwo == nil { budgetForTwo = tokens }
        }
        let tokens = try #require(budgetForTwo)
        let citesDropped = #"{"component": "cache", "cause": "cpu_saturation", "explanation": "c", "evidence": ["M2"]}"#
        let model = ScriptedLanguageModel(texts: [answer(citesDropped), answer(citesDropped)])
        let outcome = await ExplanationWriter(model: model, budget: TokenBudget(tokens: tokens)).explain(diagnosis)
        let user = try #require(model.requests.first?.messages.first?.content)
        #expect(user.contains("\nL1 [") && user.contains("\nM1 [") && !user.contains("\nM2 ["), "\(user)")
        #expect(outcome.diagnosis == diagnosis && outcome.requests == 2)
    }

    @Test func noProviderAnsweringMeansDeterministicWithTheReason() async throws {
        let transport = ScriptedTransport([openAIReply(#"{"summary": "The db"#, finish: "length")])
        let clock = TestClock(now: t0)
        let chain = FallbackChain(providers: [OpenAICompatibleProvider(settings: openAISettings(), transport: transport, clock: clock)],
                                  redactor: try Redactor(), clock: clock)
        let outcome = await ExplanationWriter(model: chain).explain(diagnosis)
        #expect(outcome.diagnosis == diagnosis && outcome.requests == 1)
        #expect(outcome.fallbackReason == "all providers failed (local: answer truncated at the token limit)")
        #expect(transport.bodies[0].contains(#""response_format":{"type":"json_object"}"#))
    }

    @Test func anEmptyDiagnosisAsksNothing() async {
        let model = ScriptedLanguageModel(texts: [])
        let outcome = await ExplanationWriter(model: model).explain(Diagnosis(hypotheses: [], evidence: []))
        #expect(outcome.requests == 0 && model.requests.isEmpty)
    }
}
