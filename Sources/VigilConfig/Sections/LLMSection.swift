import Foundation
import VigilCore
import VigilLLM

/// `llm:` — language models that explain diagnoses. No providers (the default) means no LLM:
/// diagnoses stay deterministic.
///
/// ```yaml
/// llm:
///   providers:
///     - {name: openai, kind: openai, base_url: 'https://api.openai.com/v1', model: gpt-4.1-mini, api_key: '${OPENAI_API_KEY}'}
///     - {name: ollama, kind: ollama, base_url: 'http://127.0.0.1:11434', model: llama3.2}
/// ```
public struct LLMSection: Decodable, Sendable, Hashable {
    public var providers: [ProviderSection] = []
    public var circuitBreaker = CircuitBreakerSection()
    public var retry = RetrySection()
    public var cacheTTL = CacheTTLSection()
    /// Extra regular expressions whose matches are redacted from prompts, besides the built-in rules.
    public var redactPatterns: [String] = []
    /// Tokens the evidence part of an analysis prompt may use (about 4 characters a token).
    public var tokenBudget = 1500

    /// One entry of `llm.providers:`, tried in order.
    public struct ProviderSection: Decodable, Sendable, Hashable {
        public var name: String
        public var kind: LLMProviderSettings.Kind
        public var baseURL: String
        public var model: String
        public var apiKey: String?
        public var timeout = ConfigDuration(seconds: 30)
        public var maxTokens = 1024

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, kind, baseURL = "base_url", model, apiKey = "api_key", timeout, maxTokens = "max_tokens"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decode(LLMProviderSettings.Kind.self, forKey: .kind)
            baseURL = try c.decode(String.self, forKey: .baseURL)
            model = try c.decode(String.self, forKey: .model)
            apiKey = try c.decodeIfPresent(String.self, forKey: .apiKey)
            timeout = try c.decodeIfPresent(ConfigDuration.self, forKey: .timeout) ?? timeout
            maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens) ?? maxTokens
        }

        /// The provider's settings for `VigilLLM`.
        public var settings: LLMProviderSettings {
            LLMProviderSettings(name: name, kind: kind, baseURL: baseURL, model: model,
                                apiKey: apiKey.flatMap { $0.isEmpty ? nil : $0 }, timeout: timeout.duration,
                                maxTokens: maxTokens)
        }
    }

    /// `llm.circuit_breaker:` — per provider.
    public struct CircuitBreakerSection: Decodable, Sendable, Hashable {
        public var failureThreshold = 3
        public var resetTimeout = ConfigDuration(seconds: 60)
        public var successThreshold = 2

        enum CodingKeys: String, CodingKey, CaseIterable {
            case failureThreshold = "failure_threshold", resetTimeout = "reset_timeout", successThreshold = "success_threshold"
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            failureThreshold = try c.decodeIfPresent(Int.self, forKey: .failureThreshold) ?? failureThreshold
            resetTimeout = try c.decodeIfPresent(ConfigDuration.self, forKey: .resetTimeout) ?? resetTimeout
            successThreshold = try c.decodeIfPresent(Int.self, forKey: .successThreshold) ?? successThreshold
        }
    }

    /// `llm.retry:` — per provider, before the chain moves on.
    public struct RetrySection: Decodable, Sendable, Hashable {
        public var maxAttempts = 3
        public var baseDelay = ConfigDuration(seconds: 1)
        public var maxDelay = ConfigDuration(seconds: 30)

        enum CodingKeys: String, CodingKey, CaseIterable {
            case maxAttempts = "max_attempts", baseDelay = "base_delay", maxDelay = "max_delay"
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? maxAttempts
            baseDelay = try c.decodeIfPresent(ConfigDuration.self, forKey: .baseDelay) ?? baseDelay
            maxDelay = try c.decodeIfPresent(ConfigDuration.self, forKey: .maxDelay) ?? maxDelay
        }
    }

    /// `llm.cache_ttl:` — how long answers are reused, per purpose; `0s` disables.
    public struct CacheTTLSection: Decodable, Sendable, Hashable {
        public var analysis = ConfigDuration(seconds: 600)
        public var playbook = ConfigDuration(seconds: 1800)
        public var command = ConfigDuration(seconds: 300)

        enum CodingKeys: String, CodingKey, CaseIterable { case analysis, playbook, command }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            analysis = try c.decodeIfPresent(ConfigDuration.self, forKey: .analysis) ?? analysis
            playbook = try c.decodeIfPresent(ConfigDuration.self, forKey: .playbook) ?? playbook
            command = try c.decodeIfPresent(ConfigDuration.self, forKey: .command) ?? command
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case providers, circuitBreaker = "circuit_breaker", retry, cacheTTL = "cache_ttl"
        case redactPatterns = "redact_patterns", tokenBudget = "token_budget"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        providers = try c.decodeIfPresent([ProviderSection].self, forKey: .providers) ?? providers
        circuitBreaker = try c.decodeIfPresent(CircuitBreakerSection.self, forKey: .circuitBreaker) ?? circuitBreaker
        retry = try c.decodeIfPresent(RetrySection.self, forKey: .retry) ?? retry
        cacheTTL = try c.decodeIfPresent(CacheTTLSection.self, forKey: .cacheTTL) ?? cacheTTL
        redactPatterns = try c.decodeIfPresent([String].self, forKey: .redactPatterns) ?? redactPatterns
        tokenBudget = try c.decodeIfPresent(Int.self, forKey: .tokenBudget) ?? tokenBudget
    }

    /// Whether any provider is configured.
    public var enabled: Bool { !providers.isEmpty }

    public var breakerSettings: CircuitBreakerSettings {
        CircuitBreakerSettings(failureThreshold: circuitBreaker.failureThreshold,
                               resetTimeout: circuitBreaker.resetTimeout.seconds,
                               successThreshold: circuitBreaker.successThreshold)
    }

    public var retryPolicy: LLMRetryPolicy {
        LLMRetryPolicy(maxAttempts: retry.maxAttempts, baseDelay: retry.baseDelay.seconds, maxDelay: retry.maxDelay.seconds)
    }

    public var cacheTTLs: LLMCacheTTLs {
        LLMCacheTTLs(analysis: cacheTTL.analysis.seconds, playbook: cacheTTL.playbook.seconds, command: cacheTTL.command.seconds)
    }

    /// The redactor with the configured extra patterns (validated, so this does not fail after `validate`).
    public func redactor() throws(Redactor.PatternError) -> Redactor { try Redactor(extraPatterns: redactPatterns) }

    func validate(file: String) throws(ConfigError) {
        var names: Set<String> = []
        for (i, p) in providers.enumerated() {
            let path = "llm.providers[\(i)]"
            guard !p.name.isEmpty, !p.name.contains("/") else {
                throw .invalid(path: "\(path).name", message: "must be non-empty and without '/'", file: file)
            }
            guard names.insert(p.name).inserted else {
                throw .invalid(path: "\(path).name", message: "'\(p.name)' is used twice", file: file)
            }
            guard let u = URL(string: p.baseURL), let scheme = u.scheme, ["http", "https"].contains(scheme), u.host != nil else {
                throw .invalid(path: "\(path).base_url", message: "must be an http(s) URL", file: file)
            }
            guard !p.model.isEmpty else { throw .invalid(path: "\(path).model", message: "must not be empty", file: file) }
            guard p.timeout.seconds > 0 else { throw .invalid(path: "\(path).timeout", message: "must be positive", file: file) }
            guard p.maxTokens >= 16 else { throw .invalid(path: "\(path).max_tokens", message: "must be at least 16", file: file) }
        }
        guard circuitBreaker.failureThreshold >= 1 else {
            throw .invalid(path: "llm.circuit_breaker.failure_threshold", message: "must be at least 1", file: file)
        }
        guard circuitBreaker.successThreshold >= 1 else {
            throw .invalid(path: "llm.circuit_breaker.success_threshold", message: "must be at least 1", file: file)
        }
        guard circuitBreaker.resetTimeout.seconds > 0 else {
            throw .invalid(path: "llm.circuit_breaker.reset_timeout", message: "must be positive", file: file)
        }
        guard retry.maxAttempts >= 1 else { throw .invalid(path: "llm.retry.max_attempts", message: "must be at least 1", file: file) }
        guard retry.baseDelay.seconds >= 0, retry.maxDelay >= retry.baseDelay else {
            throw .invalid(path: "llm.retry", message: "base_delay must be non-negative and at most max_delay", file: file)
        }
        for (key, ttl) in [("analysis", cacheTTL.analysis), ("playbook", cacheTTL.playbook), ("command", cacheTTL.command)]
        where ttl.seconds < 0 {
            throw .invalid(path: "llm.cache_ttl.\(key)", message: "must not be negative", file: file)
        }
        do { _ = try redactor() } catch {
            throw .invalid(path: "llm.redact_patterns[\(error.index)]", message: "not a valid regular expression", file: file)
        }
        guard tokenBudget >= 200 else { throw .invalid(path: "llm.token_budget", message: "must be at least 200", file: file) }
    }
}
