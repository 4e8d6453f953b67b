import Foundation
import Synchronization
import VigilCore

/// Tries providers in order, each behind its own circuit breaker and with retries; the first
/// good answer wins (its `model` says which provider wrote it). Every request is redacted before
/// any provider sees it. When all fail it throws `LLMError.allProvidersFailed` with each reason.
///
/// Breakers count calls, not attempts: one call that exhausted its retries is one failure. Only
/// availability failures count (timeouts, unreachable, 429, 5xx); a provider that answered badly
/// (truncated, not JSON, a 4xx) is up, so that counts as a success for its breaker — but the chain
/// still asks the next provider. A half-open breaker lets every request through, not one probe.
/// Error messages (provider bodies, transport errors) are redacted too: they end up in logs and the API.
///
/// ```swift
/// let chain = FallbackChain(providers: [openai, ollama], redactor: try Redactor(), clock: SystemClock())
/// let answer = try await chain.complete(request)   // answer.model == "ollama/llama3.2" if openai was down
/// chain.breakerSnapshots()                         // for GET /api/v1/circuit-breakers
/// ```
public final class FallbackChain: LanguageModel {
    public let name = "chain"
    public let providers: [any LanguageModel]
    let retry: LLMRetryPolicy
    let redactor: Redactor
    let clock: any WallClock
    private let breakers: Mutex<[CircuitBreaker]>
    private let random: Mutex<SeededRandom>

    public init(providers: [any LanguageModel], breaker: CircuitBreakerSettings = CircuitBreakerSettings(),
                retry: LLMRetryPolicy = LLMRetryPolicy(), redactor: Redactor, clock: any WallClock,
                jitterSeed: UInt64 = UInt64.random(in: 0...UInt64.max)) {
        self.providers = providers
        self.retry = retry
        self.redactor = redactor
        self.clock = clock
        breakers = Mutex(providers.map { _ in CircuitBreaker(settings: breaker) })
        random = Mutex(SeededRandom(seed: jitterSeed))
    }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        let safe = request.redacted(by: redactor)
        var failures: [LLMError.ProviderFailure] = []
        for (index, provider) in providers.enumerated() {
            let now = clock.now()
            let gate = breakers.withLock { b in (b[index].allowsRequest(now: now), b[index].nextAttemptAt) }
            guard gate.0 else {
                failures.append(.init(provider: provider.name, error: .circuitOpen(provider: provider.name, until: gate.1)))
                continue
            }
            do {
                let answer = try await withRetries(provider, safe)
                record(index, failed: false)
                return answer
            } catch {
                if error == .cancelled { throw error }
                record(index, failed: error.isAvailabilityFailure)
                failures.append(.init(provider: provider.name, error: error.redacted(by: redactor)))
            }
        }
        throw .allProvidersFailed(failures)
    }

    /// Every provider's breaker, in chain order.
    public func breakerSnapshots() -> [CircuitBreakerSnapshot] {
        breakers.withLock { b in zip(providers, b).map { $1.snapshot(name: $0.name) } }
    }

    private func withRetries(_ provider: any LanguageModel, _ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        var attempt = 1
        while true {
            do {
                return try await provider.complete(request)
            } catch {
                let unit = random.withLock { Double.random(in: 0..<1, using: &$0) }
                guard let wait = retry.delay(after: error, attempt: attempt, unit: unit) else { throw error }
                do { try await clock.sleep(for: Duration(timeInterval: wait)) } catch { throw .cancelled }
                attempt += 1
            }
        }
    }

    private func record(_ index: Int, failed: Bool) {
        let now = clock.now()
        breakers.withLock { b in failed ? b[index].recordFailure(now: now) : b[index].recordSuccess(now: now) }
    }
}

extension LLMRequest {
    /// The request with its system prompt and every message redacted.
    public func redacted(by redactor: Redactor) -> LLMRequest {
        var copy = self
        copy.system = redactor.redact(system)
        copy.messages = messages.map { LLMMessage(role: $0.role, content: redactor.redact($0.content)) }
        return copy
    }
}

extension LLMError {
    /// The error with its free-text parts (provider bodies, transport messages) redacted.
    func redacted(by redactor: Redactor) -> LLMError {
        switch self {
        case .server(let status, let message): .server(status: status, message: redactor.redact(message))
        case .unreachable(let why): .unreachable(redactor.redact(why))
        case .badResponse(let why): .badResponse(redactor.redact(why))
        default: self
        }
    }
}
