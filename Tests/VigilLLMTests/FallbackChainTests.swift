import Foundation
import Testing
import VigilCore
import VigilLLM
import VigilTesting

@Suite struct FallbackChainTests {
    let clock = TestClock(now: t0)

    func chain(_ transports: [ScriptedTransport], retry: LLMRetryPolicy = LLMRetryPolicy(),
               breaker: CircuitBreakerSettings = CircuitBreakerSettings()) throws -> FallbackChain {
        let providers = transports.enumerated().map { i, t in
            OpenAICompatibleProvider(settings: openAISettings("p\(i)", base: "http://127.0.0.1:\(8080 + i)/v1"),
                                     transport: t, clock: clock) as any LanguageModel
        }
        return FallbackChain(providers: providers, breaker: breaker, retry: retry, redactor: try Redactor(), clock: clock,
                             jitterSeed: 7)
    }

    @Test func rateLimitWaitsExactlyRetryAfterOnTheClock() async throws {
        let transport = ScriptedTransport([.status(429, headers: ["Retry-After": "12"]), openAIReply("ok")])
        let chain = try chain([transport])
        let (result, sleeps) = await runAdvancing(clock) { await ask(chain, simpleRequest) }
        #expect(try result.get().text == "ok")
        #expect(sleeps == [12])
        #expect(clock.now() == t0.addingTimeInterval(12))
        #expect(transport.requests.count == 2)
    }

    @Test func serverErrorThenSuccessBacksOffWithJitterInsideTheBounds() async throws {
        let transport = ScriptedTransport([.status(500), .status(502), openAIReply("ok")])
        let chain = try chain([transport], retry: LLMRetryPolicy(maxAttempts: 3, baseDelay: 2, maxDelay: 30))
        let (result, sleeps) = await runAdvancing(clock) { await ask(chain, simpleRequest) }
        #expect(try result.get().model == "p0/smollm2")
        #expect(sleeps.count == 2)
        #expect((1.0...2.0).contains(sleeps[0]) && (2.0...4.0).contains(sleeps[1]), "\(sleeps)")
        #expect(chain.breakerSnapshots()[0].state == .closed && chain.breakerSnapshots()[0].failures == 0)
    }

    @Test func sameSeedSameJitter() async throws {
        var runs: [[TimeInterval]] = []
        for _ in 0..<2 {
            let clock = TestClock(now: t0)
            let provider = OpenAICompatibleProvider(settings: openAISettings(),
                                                    transport: ScriptedTransport([.timeout, .timeout, openAIReply("ok")]), clock: clock)
            let chain = FallbackChain(providers: [provider], redactor: try Redactor(), clock: clock, jitterSeed: 42)
            runs.append(await runAdvancing(clock) { await ask(chain, simpleRequest) }.1)
        }
        #expect(runs[0] == runs[1] && runs[0].count == 2)
    }

    @Test func timeoutsExhaustRetriesThenTheSecondProviderAnswers() async throws {
        let first = ScriptedTransport([.timeout, .timeout, .timeout])
        let second = ScriptedTransport([openAIReply("from backup")])
        let chain = try chain([first, second])
        let (result, sleeps) = await runAdvancing(clock) { await ask(chain, simpleRequest) }
        let answer = try result.get()
        #expect(answer.text == "from backup" && answer.model == "p1/smollm2" && answer.provider == "p1")
        #expect(first.requests.count == 3 && sleeps.count == 2)
        #expect(chain.breakerSnapshots().map(\.failures) == [1, 0])
    }

    @Test func aDownProviderOpensItsBreakerAndIsSkippedUntilHalfOpen() async throws {
        let down = ScriptedTransport()  // every call: transport failure
        let backup = ScriptedTransport()
        let chain = try chain([down, backup])
        for i in 0..<3 {
            backup.enqueue(openAIReply("answer \(i)"))
            #expect(try await chain.complete(simpleRequest).provider == "p1")
        }
        #expect(down.requests.count == 3, "unreachable is not retried: one request per call")
        #expect(chain.breakerSnapshots()[0].state == .open)

        backup.enqueue(openAIReply("answer 3"))
        _ = try await chain.complete(simpleRequest)
        #expect(down.requests.count == 3, "an open breaker sends nothing")

        clock.advance(by: 60)
        down.enqueue(openAIReply("back"), openAIReply("still back"))
        #expect(try await chain.complete(simpleRequest).provider == "p0")
        #expect(chain.breakerSnapshots()[0].state == .halfOpen)
        _ = try await chain.complete(simpleRequest)
        #expect(chain.breakerSnapshots()[0].state == .closed)
    }

    @Test func everyProviderDownListsEachReason() async throws {
        let chain = try chain([ScriptedTransport([.status(400, body: "bad")]), ScriptedTransport([openAIReply("{", finish: "length")])])
        let result = await ask(chain, simpleRequest)
        #expect(result == .failure(.allProvidersFailed([
            .init(provider: "p0", error: .server(status: 400, message: "bad")),
            .init(provider: "p1", error: .truncated),
        ])))
        #expect(chain.breakerSnapshots().allSatisfy { $0.failures == 0 }, "answers, even bad ones, mean the provider is up")
    }

    @Test func openBreakerShowsWhenItWillTryAgain() async throws {
        let chain = try chain([ScriptedTransport()], breaker: CircuitBreakerSettings(failureThreshold: 1, resetTimeout: 30))
        _ = await ask(chain, simpleRequest)
        let result = await ask(chain, simpleRequest)
        #expect(result == .failure(.allProvidersFailed([
            .init(provider: "p0", error: .circuitOpen(provider: "p0", until: t0.addingTimeInterval(30))),
        ])))
    }

    @Test func longRetryAfterMovesOnInsteadOfWaiting() async throws {
        let first = ScriptedTransport([.status(429, headers: ["Retry-After": "3600"])])
        let chain = try chain([first, ScriptedTransport([openAIReply("ok")])])
        let (result, sleeps) = await runAdvancing(clock) { await ask(chain, simpleRequest) }
        #expect(try result.get().provider == "p1" && sleeps.isEmpty)
    }

    @Test func promptsAreRedactedBeforeTheyLeave() async throws {
        let transport = ScriptedTransport([openAIReply("ok")])
        let chain = try chain([transport])
        let secrets = ["hunter2-Very-Secret", "AKIAIOSFODNN7EXAMPLE", "s3cr3tPassw0rd"]
        let request = LLMRequest(purpose: .analysis, system: "Context: DATABASE_URL=postgres://app:s3cr3tPassw0rd@db:5432/app",
                                 messages: [.user("log: login failed password=hunter2-Very-Secret key AKIAIOSFODNN7EXAMPLE")])
        _ = try await chain.complete(request)
        let body = try #require(transport.bodies.first)
        for secret in secrets { #expect(!body.contains(secret), "\(secret) leaked") }
        #expect(body.contains("postgres://app:[REDACTED]@db:5432/app") && body.contains("password=[REDACTED]"))
    }

    @Test func errorsCarryNoSecretsFromProviderBodies() async throws {
        let body = #"{"error":{"message":"Incorrect API key provided: sk-proj-Abc123Def456Ghi789Jkl012","type":"invalid_request_error"}}"#
        let chain = try chain([ScriptedTransport([.status(401, body: body)])])
        let result = await ask(chain, simpleRequest)
        guard case .failure(let error) = result else { Issue.record("expected a failure"); return }
        #expect(!error.description.contains("Abc123Def456") && error.description.contains("HTTP 401"))
    }
}
