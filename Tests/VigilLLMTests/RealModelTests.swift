import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import VigilCore
import VigilLLM
import VigilTesting

/// Talks to a real OpenAI-compatible server when `VIGIL_LLM_URL` names one (e.g. the one
/// `scripts/llm-server.sh start PORT` serves: `VIGIL_LLM_URL=http://127.0.0.1:PORT/v1`); skipped otherwise.
/// The transport here is a test-only URLSession adapter; the server uses AsyncHTTPTransport.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["VIGIL_LLM_URL"] != nil, "set VIGIL_LLM_URL to run"))
struct RealModelTests {
    let base = ProcessInfo.processInfo.environment["VIGIL_LLM_URL"] ?? ""

    @Test func aRealServerAnswersThroughTheChainAfterADownProvider() async throws {
        let clock = SystemClock()
        let down = OpenAICompatibleProvider(
            settings: LLMProviderSettings(name: "down", kind: .openai, baseURL: "http://127.0.0.1:9/v1", model: "x",
                                          timeout: .seconds(5)),
            transport: URLSessionTransport(), clock: clock)
        let real = OpenAICompatibleProvider(
            settings: LLMProviderSettings(name: "local", kind: .openai, baseURL: base, model: "smollm2",
                                          timeout: .seconds(240), maxTokens: 256),
            transport: URLSessionTransport(), clock: clock)
        let chain = FallbackChain(providers: [down, real], retry: LLMRetryPolicy(maxAttempts: 1), redactor: try Redactor(),
                                  clock: clock)
        let answer = try await chain.complete(LLMRequest(purpose: .command, system: "Answer in at most ten words.",
                                                         user: "Is a full disk bad for a database?", maxTokens: 256,
                                                         temperature: 0))
        print("real model answered:", answer.model, answer.usage, answer.text.debugDescription)
        #expect(answer.model == "local/smollm2" && !answer.text.isEmpty && answer.usage.completion > 0)
        #expect(chain.breakerSnapshots().map(\.failures) == [1, 0])
    }

    @Test func aRealExplanationIsValidatedOrFallsBackToTheDeterministicDiagnosis() async throws {
        let real = OpenAICompatibleProvider(
            settings: LLMProviderSettings(name: "local", kind: .openai, baseURL: base, model: "smollm2",
                                          timeout: .seconds(240), maxTokens: 200),
            transport: URLSessionTransport(), clock: SystemClock())
        let diagnosis = Diagnosis(
            hypotheses: [Hypothesis(component: "db", cause: .diskFull, confidence: 0.8, explanation: "rules", evidence: ["L1"])],
            evidence: [DiagnosisEvidence(id: "L1", kind: .log, component: "db", strength: 0.9,
                                         summary: "'No space left on device' x120 since 10:02")])
        let outcome = await ExplanationWriter(model: real, maxAnswerTokens: 200).explain(diagnosis)
        print("real explanation:", outcome.diagnosis.author, outcome.requests, outcome.fallbackReason ?? "-",
              outcome.diagnosis.hypotheses.map(\.explanation))
        // A 135M model rarely follows the schema; either way nothing invented may come through.
        #expect(outcome.requests >= 1)
        #expect(outcome.diagnosis.hypotheses.map(\.component) == ["db"])
        #expect(outcome.diagnosis.hypotheses.flatMap(\.evidence).allSatisfy { $0 == "L1" })
        if outcome.diagnosis.author == .deterministic { #expect(outcome.fallbackReason != nil) }
    }
}

/// `HTTPTransport` over URLSession, for tests that reach a real server.
struct URLSessionTransport: HTTPTransport {
    func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponseSpec {
        var request = URLRequest(url: URL(string: spec.url)!)
        request.httpMethod = spec.method
        request.timeoutInterval = spec.timeout.timeInterval
        for (name, value) in spec.headers { request.addValue(value, forHTTPHeaderField: name) }
        if !spec.body.isEmpty { request.httpBody = Data(spec.body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http?.allHeaderFields ?? [:] { headers["\(k)"] = "\(v)" }
        return HTTPResponseSpec(status: http?.statusCode ?? 0, headers: headers, body: Array(data))
    }
}
