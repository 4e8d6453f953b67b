import Foundation
import Testing
import VigilCore
import VigilLLM
import VigilTesting

/// The exact requests each provider sends, and how it reads the answers.
@Suite struct ProviderRequestTests {
    let clock = TestClock(now: t0)

    @Test func openAICompatibleSendsChatCompletionsWithBearerAndJSONMode() async throws {
        let transport = ScriptedTransport([openAIReply(#"{"ok":true}"#)])
        let provider = OpenAICompatibleProvider(settings: openAISettings(base: "http://127.0.0.1:8080/v1/", key: "sk-abc"),
                                                transport: transport, clock: clock)
        var request = simpleRequest
        request.format = .json(schema: nil)
        let answer = try await provider.complete(request)
        #expect(answer == LLMResponse(text: #"{"ok":true}"#, model: "local/smollm2", usage: LLMTokenUsage(prompt: 42, completion: 7)))
        let sent = try #require(transport.requests.first)
        #expect(sent.method == "POST" && sent.url == "http://127.0.0.1:8080/v1/chat/completions")
        #expect(sent.timeout == .seconds(20))
        #expect(sent.headers.contains { $0 == ("authorization", "Bearer sk-abc") })
        #expect(sent.headers.contains { $0 == ("content-type", "application/json") })
        #expect(transport.bodies.first == """
            {"max_tokens":64,"messages":[{"content":"Be brief.","role":"system"},{"content":"Why is db down?","role":"user"}],\
            "model":"smollm2","response_format":{"type":"json_object"},"stream":false,"temperature":0.2}
            """)
    }

    @Test func openAIWithoutKeyOrJSONOmitsThemAndUsesTheConfiguredTokenLimit() async throws {
        let transport = ScriptedTransport([openAIReply("fine")])
        let provider = OpenAICompatibleProvider(settings: openAISettings(), transport: transport, clock: clock)
        _ = try await provider.complete(LLMRequest(purpose: .command, system: "s", user: "u"))
        #expect(!transport.requests[0].headers.contains { $0.0 == "authorization" })
        #expect(transport.bodies.first == """
            {"max_tokens":256,"messages":[{"content":"s","role":"system"},{"content":"u","role":"user"}],"model":"smollm2","stream":false}
            """)
    }

    @Test func ollamaNativeSendsFormatJSONAndNoStreaming() async throws {
        let transport = ScriptedTransport([.json("""
            {"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"{}"},\
            "done":true,"done_reason":"stop","prompt_eval_count":31,"eval_count":3}
            """)])
        let settings = LLMProviderSettings(name: "ollama", kind: .ollama, baseURL: "http://127.0.0.1:11434", model: "llama3.2")
        let provider = settings.makeProvider(transport: transport, clock: clock)
        var request = simpleRequest
        request.format = .json(schema: "{}")
        let answer = try await provider.complete(request)
        #expect(answer == LLMResponse(text: "{}", model: "ollama/llama3.2", usage: LLMTokenUsage(prompt: 31, completion: 3)))
        #expect(transport.requests[0].url == "http://127.0.0.1:11434/api/chat")
        #expect(transport.bodies.first == """
            {"format":"json","messages":[{"content":"Be brief.","role":"system"},{"content":"Why is db down?","role":"user"}],\
            "model":"llama3.2","options":{"num_predict":64,"temperature":0.2},"stream":false}
            """)
    }

    @Test func anthropicPutsSystemAtTopLevelWithVersionAndKeyHeaders() async throws {
        let transport = ScriptedTransport([.json("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",\
            "content":[{"type":"text","text":"Disk "},{"type":"text","text":"full."}],"stop_reason":"end_turn",\
            "usage":{"input_tokens":20,"output_tokens":4}}
            """)])
        let settings = LLMProviderSettings(name: "claude", kind: .anthropic, baseURL: "https://api.anthropic.com",
                                           model: "claude-3-5-haiku-latest", apiKey: "sk-ant-xyz")
        let provider = settings.makeProvider(transport: transport, clock: clock)
        let answer = try await provider.complete(simpleRequest)
        #expect(answer == LLMResponse(text: "Disk full.", model: "claude/claude-3-5-haiku-latest",
                                      usage: LLMTokenUsage(prompt: 20, completion: 4)))
        let sent = transport.requests[0]
        #expect(sent.url == "https://api.anthropic.com/v1/messages")
        #expect(sent.headers.contains { $0 == ("anthropic-version", "2023-06-01") })
        #expect(sent.headers.contains { $0 == ("x-api-key", "sk-ant-xyz") })
        #expect(transport.bodies.first == """
            {"max_tokens":64,"messages":[{"content":"Why is db down?","role":"user"}],"model":"claude-3-5-haiku-latest",\
            "system":"Be brief.","temperature":0.2}
            """)
    }

    @Test func anthropicJSONRequestsAddAnInstructionToTheSystemPrompt() async throws {
        let transport = ScriptedTransport([.json(#"{"content":[{"type":"text","text":"{}"}],"stop_reason":"end_turn"}"#)])
        let settings = LLMProviderSettings(name: "claude", kind: .anthropic, baseURL: "https://api.anthropic.com", model: "m")
        var request = simpleRequest
        request.format = .json(schema: nil)
        _ = try await settings.makeProvider(transport: transport, clock: clock).complete(request)
        #expect(transport.bodies[0].contains(#""system":"Be brief.\n\nReply with one JSON object and nothing else.""#))
    }

    @Test func truncatedAnswersAreErrorsForEveryProvider() async {
        let openAI = ScriptedTransport([openAIReply("{\"summary\": \"the disk", finish: "length")])
        let ollama = ScriptedTransport([.json(#"{"message":{"content":"{\"a\""},"done":true,"done_reason":"length"}"#)])
        let anthropic = ScriptedTransport([.json(#"{"content":[{"type":"text","text":"{"}],"stop_reason":"max_tokens"}"#)])
        let kinds: [(LLMProviderSettings.Kind, ScriptedTransport)] = [(.openai, openAI), (.ollama, ollama), (.anthropic, anthropic)]
        for (kind, transport) in kinds {
            let provider = LLMProviderSettings(name: "p", kind: kind, baseURL: "http://x", model: "m")
                .makeProvider(transport: transport, clock: clock)
            #expect(await ask(provider, simpleRequest) == .failure(.truncated), "\(kind)")
        }
    }

    @Test func statusesAndTransportFailuresMapToTypedErrors() async {
        let transport = ScriptedTransport([
            .status(429, headers: ["Retry-After": "7"]),
            .status(429, headers: ["retry-after": "Tue, 14 Nov 2023 22:13:40 GMT"]),  // t0 + 20 s
            .status(429),
            .status(503, body: "overloaded"),
            .status(401, body: #"{"error":"bad key"}"#),
            .timeout,
            .fail(ConnectionRefused()),
            .json("<html>not json</html>"),
            .json(#"{"choices":[]}"#),
            openAIReply(""),
        ])
        let provider = OpenAICompatibleProvider(settings: openAISettings(), transport: transport, clock: clock)
        var results: [Result<LLMResponse, LLMError>] = []
        for _ in 0..<10 { results.append(await ask(provider, simpleRequest)) }
        #expect(results[0] == .failure(.rateLimited(retryAfter: 7)))
        #expect(results[1] == .failure(.rateLimited(retryAfter: 20)))
        #expect(results[2] == .failure(.rateLimited(retryAfter: nil)))
        #expect(results[3] == .failure(.server(status: 503, message: "overloaded")))
        #expect(results[4] == .failure(.server(status: 401, message: #"{"error":"bad key"}"#)))
        #expect(results[5] == .failure(.timeout))
        guard case .failure(.unreachable) = results[6] else { Issue.record("\(results[6])"); return }
        guard case .failure(.badResponse) = results[7] else { Issue.record("\(results[7])"); return }
        #expect(results[8] == .failure(.badResponse("no choices")))
        #expect(results[9] == .failure(.badResponse("empty message")))
    }

    @Test func errorClassesDriveRetriesAndBreakers() {
        #expect(LLMError.timeout.isRetryable && LLMError.timeout.isAvailabilityFailure)
        #expect(LLMError.server(status: 502, message: "").isRetryable)
        #expect(!LLMError.server(status: 400, message: "").isRetryable && !LLMError.server(status: 400, message: "").isAvailabilityFailure)
        #expect(!LLMError.truncated.isRetryable && !LLMError.truncated.isAvailabilityFailure)
        #expect(!LLMError.unreachable("refused").isRetryable && LLMError.unreachable("refused").isAvailabilityFailure)
    }
}

struct ConnectionRefused: Error, Sendable {}
