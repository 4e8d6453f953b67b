import Foundation
import Testing
import VigilCore
import VigilLLM
import VigilTesting

@Suite struct LLMStackTests {
    @Test func configuredProvidersAreChainedCachedAndRedacted() async throws {
        let clock = TestClock(now: t0)
        let transport = ScriptedTransport([.timeout, openAIReply("from openai")])
        let cache = MemoryLLMCache()
        let stack = LLMStack(
            providers: [
                LLMProviderSettings(name: "ollama", kind: .ollama, baseURL: "http://127.0.0.1:11434", model: "llama3.2"),
                openAISettings("openai", base: "https://api.openai.com/v1", key: "sk-live-key"),
            ],
            retry: LLMRetryPolicy(maxAttempts: 1), redactor: try Redactor(extraPatterns: ["EMP-[0-9]{5}"]), cache: cache,
            transport: transport, clock: clock)
        let request = LLMRequest(purpose: .analysis, system: "s", user: "user EMP-12345 saw token=abc123def")
        let first = try await stack.model.complete(request)
        #expect(first.model == "openai/smollm2" && !first.cached)
        #expect(transport.requests.map(\.url) == ["http://127.0.0.1:11434/api/chat", "https://api.openai.com/v1/chat/completions"])
        #expect(transport.bodies.allSatisfy { !$0.contains("EMP-12345") && !$0.contains("abc123def") })
        #expect(try await stack.model.complete(request).cached && transport.requests.count == 2)
        #expect(stack.chain.breakerSnapshots().map(\.name) == ["ollama", "openai"])
        #expect(stack.chain.breakerSnapshots().map(\.failures) == [1, 0])
        #expect(cache.count == 1)
    }

    @Test func withoutACacheTheModelIsTheChain() throws {
        let stack = LLMStack(providers: [openAISettings()], redactor: try Redactor(), cache: nil,
                             transport: ScriptedTransport(), clock: TestClock(now: t0))
        #expect(stack.model is FallbackChain)
    }
}
