import Foundation
import VigilCore

/// How long answers stay cached, per purpose. Defaults from the user's documents:
/// analysis 600 s, playbook 1800 s, natural-language commands 300 s. Zero disables caching.
public struct LLMCacheTTLs: Sendable, Hashable {
    public var analysis: TimeInterval
    public var playbook: TimeInterval
    public var command: TimeInterval

    public init(analysis: TimeInterval = 600, playbook: TimeInterval = 1800, command: TimeInterval = 300) {
        self.analysis = analysis
        self.playbook = playbook
        self.command = command
    }

    public subscript(purpose: LLMPurpose) -> TimeInterval {
        switch purpose {
        case .analysis: analysis
        case .playbook: playbook
        case .command: command
        }
    }
}

/// Answers repeated requests from an `LLMCache` instead of asking the model again.
///
/// The key is the SHA-256 (hex) of the canonical request — its JSON with sorted keys, after a
/// `namespace` such as the chain's provider/model list, so changing models does not serve old
/// answers. Only successful answers are stored. Cache failures never fail a request: a broken
/// cache only means asking the model.
///
/// ```swift
/// let model = CachedLanguageModel(base: chain, cache: store, ttls: LLMCacheTTLs(), clock: SystemClock(),
///                                 namespace: "openai/gpt-4.1-mini,ollama/llama3.2")
/// ```
public struct CachedLanguageModel: LanguageModel {
    public let base: any LanguageModel
    let cache: any LLMCache
    let ttls: LLMCacheTTLs
    let clock: any WallClock
    let namespace: String

    public init(base: any LanguageModel, cache: any LLMCache, ttls: LLMCacheTTLs = LLMCacheTTLs(), clock: any WallClock,
                namespace: String = "") {
        self.base = base
        self.cache = cache
        self.ttls = ttls
        self.clock = clock
        self.namespace = namespace
    }

    public var name: String { base.name }

    /// The cache key of `request` in `namespace`: 64 hex digits.
    public static func key(for request: LLMRequest, namespace: String) -> String {
        struct Material: Encodable { var version = 1; var namespace: String; var request: LLMRequest }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(Material(namespace: namespace, request: request))) ?? Data()
        return PortableSHA256.hex(Array(bytes))
    }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        let ttl = ttls[request.purpose]
        guard ttl > 0 else { return try await base.complete(request) }
        let key = Self.key(for: request, namespace: namespace)
        if let hit = try? await cache.cachedResponse(key: key, now: clock.now()) {
            var answer = hit
            answer.cached = true
            return answer
        }
        var answer = try await base.complete(request)
        answer.cached = false
        try? await cache.storeResponse(answer, key: key, purpose: request.purpose, expiresAt: clock.now().addingTimeInterval(ttl))
        return answer
    }
}
