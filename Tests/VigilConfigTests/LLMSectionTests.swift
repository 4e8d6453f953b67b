import Testing
import VigilConfig
import VigilCore
import VigilLLM

@Suite struct LLMSectionTests {
    @Test func defaultsMeanNoLanguageModelAndTheDocumentedLimits() {
        let llm = ConfigLoader.defaults().llm
        #expect(!llm.enabled && llm.providers.isEmpty)
        #expect(llm.breakerSettings == CircuitBreakerSettings(failureThreshold: 3, resetTimeout: 60, successThreshold: 2))
        #expect(llm.cacheTTLs == LLMCacheTTLs(analysis: 600, playbook: 1800, command: 300))
        #expect(llm.retryPolicy == LLMRetryPolicy(maxAttempts: 3, baseDelay: 1, maxDelay: 30))
        #expect(llm.tokenBudget == 1500 && llm.redactPatterns.isEmpty)
    }

    @Test func providersDecodeInOrderWithInterpolatedKeys() throws {
        let c = try ConfigLoader.parse("""
            llm:
              providers:
                - {name: openai, kind: openai, base_url: 'https://api.openai.com/v1', model: gpt-4.1-mini,
                   api_key: '${OPENAI_API_KEY}', timeout: 20s, max_tokens: 800}
                - {name: ollama, kind: ollama, base_url: 'http://127.0.0.1:11434', model: llama3.2}
                - {name: claude, kind: anthropic, base_url: 'https://api.anthropic.com', model: claude-3-5-haiku-latest,
                   api_key: '${ANTHROPIC_API_KEY}'}
              circuit_breaker: {failure_threshold: 5, reset_timeout: 2m, success_threshold: 1}
              retry: {max_attempts: 2, base_delay: 500ms, max_delay: 5s}
              cache_ttl: {analysis: 15m, playbook: 0s}
              redact_patterns: ['corp-[0-9]{6}']
              token_budget: 3000
            """, file: "v.yaml", environment: ["OPENAI_API_KEY": "sk-test-123", "ANTHROPIC_API_KEY": ""])
        let llm = c.llm
        #expect(llm.providers.map(\.name) == ["openai", "ollama", "claude"])
        #expect(llm.providers.map(\.kind) == [.openai, .ollama, .anthropic])
        let first = llm.providers[0].settings
        #expect(first.apiKey == "sk-test-123" && first.timeout == .seconds(20) && first.maxTokens == 800)
        #expect(first.qualifiedModel == "openai/gpt-4.1-mini")
        #expect(llm.providers[1].settings.apiKey == nil && llm.providers[1].settings.timeout == .seconds(30))
        #expect(llm.providers[2].settings.apiKey == nil, "an empty interpolated key means no key")
        #expect(llm.breakerSettings == CircuitBreakerSettings(failureThreshold: 5, resetTimeout: 120, successThreshold: 1))
        #expect(llm.retryPolicy == LLMRetryPolicy(maxAttempts: 2, baseDelay: 0.5, maxDelay: 5))
        #expect(llm.cacheTTLs == LLMCacheTTLs(analysis: 900, playbook: 0, command: 300))
        #expect(try llm.redactor().redact("ticket corp-123456") == "ticket [REDACTED]")
        #expect(llm.tokenBudget == 3000)
    }

    @Test func badValuesNameTheirPath() {
        let provider = "{name: a, kind: openai, base_url: 'http://127.0.0.1:8080/v1', model: m}"
        expectConfigErrors([
            ("llm:\n  providers:\n    - {name: a, kind: gemini, base_url: 'http://x', model: m}\n", "kind"),
            ("llm:\n  providers:\n    - {name: a, kind: openai, base_url: 'localhost:8080', model: m}\n", "llm.providers[0].base_url"),
            ("llm:\n  providers:\n    - \(provider)\n    - \(provider)\n", "llm.providers[1].name"),
            ("llm:\n  providers:\n    - {name: 'a/b', kind: ollama, base_url: 'http://x', model: m}\n", "llm.providers[0].name"),
            ("llm:\n  providers:\n    - {name: a, kind: ollama, base_url: 'http://x', model: ''}\n", "llm.providers[0].model"),
            ("llm:\n  providers:\n    - {name: a, kind: ollama, base_url: 'http://x', model: m, timeout: 0s}\n", "llm.providers[0].timeout"),
            ("llm:\n  providers:\n    - {name: a, kind: ollama, base_url: 'http://x', model: m, max_tokens: 1}\n", "llm.providers[0].max_tokens"),
            ("llm:\n  providers:\n    - {name: a, kind: ollama, base_url: 'http://x', model: m, key: k}\n", "key"),
            ("llm:\n  circuit_breaker: {failure_threshold: 0}\n", "llm.circuit_breaker.failure_threshold"),
            ("llm:\n  circuit_breaker: {success_threshold: 0}\n", "llm.circuit_breaker.success_threshold"),
            ("llm:\n  circuit_breaker: {reset_timeout: 0s}\n", "llm.circuit_breaker.reset_timeout"),
            ("llm:\n  retry: {max_attempts: 0}\n", "llm.retry.max_attempts"),
            ("llm:\n  retry: {base_delay: 10s, max_delay: 1s}\n", "llm.retry"),
            ("llm:\n  cache_ttl: {command: -1s}\n", "llm.cache_ttl.command"),
            ("llm:\n  redact_patterns: ['ok', '(unclosed']\n", "llm.redact_patterns[1]"),
            ("llm:\n  token_budget: 10\n", "llm.token_budget"),
            ("llm:\n  providrs: []\n", "providrs"),
        ])
    }
}
