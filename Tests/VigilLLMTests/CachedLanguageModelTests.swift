import Foundation
import Testing
import VigilCore
import VigilLLM
import VigilTesting

@Suite struct CachedLanguageModelTests {
    let clock = TestClock(now: t0)

    @Test func secondCallIsServedFromTheCacheWithoutHTTPUntilTheTTLPasses() async throws {
        let transport = ScriptedTransport([openAIReply("first"), openAIReply("second")])
        let provider = OpenAICompatibleProvider(settings: openAISettings(), transport: transport, clock: clock)
        let cache = MemoryLLMCache()
        let model = CachedLanguageModel(base: provider, cache: cache, clock: clock, namespace: "local/smollm2")

        let a = try await model.complete(simpleRequest)
        #expect(a.text == "first" && !a.cached)
        clock.advance(by: 599)
        let b = try await model.complete(simpleRequest)
        #expect(b.text == "first" && b.cached && b.model == "local/smollm2")
        #expect(transport.requests.count == 1, "a hit sends nothing")

        clock.advance(by: 1)  // analysis TTL: 600 s
        let c = try await model.complete(simpleRequest)
        #expect(c.text == "second" && !c.cached && transport.requests.count == 2)
    }

    @Test func purposesHaveTheirOwnTTLsAndZeroDisablesCaching() async throws {
        let answers = (0..<6).map { openAIReply("a\($0)") }
        let transport = ScriptedTransport(answers)
        let provider = OpenAICompatibleProvider(settings: openAISettings(), transport: transport, clock: clock)
        let model = CachedLanguageModel(base: provider, cache: MemoryLLMCache(),
                                        ttls: LLMCacheTTLs(analysis: 0, playbook: 1800, command: 300), clock: clock)
        var playbook = simpleRequest
        playbook.purpose = .playbook
        var command = simpleRequest
        command.purpose = .command
        _ = try await model.complete(playbook)
        _ = try await model.complete(command)
        clock.advance(by: 300)
        #expect(try await model.complete(playbook).cached)
        #expect(try await !model.complete(command).cached)
        _ = try await model.complete(simpleRequest)
        #expect(try await !model.complete(simpleRequest).cached, "analysis TTL 0: never cached")
        #expect(transport.requests.count == 5)
    }

    @Test func keysAreStableAndSeparateRequestsAndNamespaces() {
        let k = CachedLanguageModel.key(for: simpleRequest, namespace: "n")
        #expect(k.count == 64 && k == CachedLanguageModel.key(for: simpleRequest, namespace: "n"))
        var other = simpleRequest
        other.temperature = 0.3
        #expect(CachedLanguageModel.key(for: other, namespace: "n") != k)
        #expect(CachedLanguageModel.key(for: simpleRequest, namespace: "m") != k)
    }

    @Test func failuresAreNotCached() async throws {
        let transport = ScriptedTransport([.status(500), openAIReply("ok")])
        let provider = OpenAICompatibleProvider(settings: openAISettings(), transport: transport, clock: clock)
        let cache = MemoryLLMCache()
        let model = CachedLanguageModel(base: provider, cache: cache, clock: clock)
        #expect(await ask(model, simpleRequest) == .failure(.server(status: 500, message: "")))
        #expect(cache.count == 0)
        #expect(try await model.complete(simpleRequest).text == "ok" && cache.count == 1)
    }
}
