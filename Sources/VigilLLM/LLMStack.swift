import Foundation
import VigilCore

/// The language model a server uses, assembled from configuration:
/// `CachedLanguageModel(FallbackChain(providers))`, or only the chain without a cache.
/// Keep `chain` for `GET /api/v1/circuit-breakers`; give `model` to `ExplanationWriter`.
///
/// ```swift
/// let stack = LLMStack(providers: config.llm.providers.map(\.settings), breaker: config.llm.breakerSettings,
///                      retry: config.llm.retryPolicy, cacheTTLs: config.llm.cacheTTLs, redactor: try config.llm.redactor(),
///                      cache: store, transport: AsyncHTTPTransport(), clock: SystemClock())
/// let outcome = await ExplanationWriter(model: stack.model, budget: TokenBudget(tokens: config.llm.tokenBudget))
///     .explain(diagnosis)
/// ```
public struct LLMStack: Sendable {
    public let chain: FallbackChain
    public let model: any LanguageModel

    public init(providers: [LLMProviderSettings], breaker: CircuitBreakerSettings = CircuitBreakerSettings(),
                retry: LLMRetryPolicy = LLMRetryPolicy(), cacheTTLs: LLMCacheTTLs = LLMCacheTTLs(), redactor: Redactor,
                cache: (any LLMCache)?, transport: any HTTPTransport, clock: any WallClock) {
        chain = FallbackChain(providers: providers.map { $0.makeProvider(transport: transport, clock: clock) },
                              breaker: breaker, retry: retry, redactor: redactor, clock: clock)
        if let cache {
            // Answers from another provider list are not reused: the list is part of the key.
            let namespace = providers.map(\.qualifiedModel).joined(separator: ",")
            model = CachedLanguageModel(base: chain, cache: cache, ttls: cacheTTLs, clock: clock, namespace: namespace)
        } else {
            model = chain
        }
    }
}
