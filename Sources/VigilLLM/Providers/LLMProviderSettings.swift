import Foundation
import VigilCore

/// One configured provider: which API it speaks, where, and with what model.
public struct LLMProviderSettings: Sendable, Hashable {
    /// The API a provider speaks.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// OpenAI chat completions: OpenAI, vLLM, llama.cpp server, LM Studio, Ollama's `/v1`.
        case openai
        /// Ollama's native `/api/chat`.
        case ollama
        /// Anthropic Messages.
        case anthropic
    }

    /// Unique within the chain; the first half of `provider/model` in answers and breaker names.
    public var name: String
    public var kind: Kind
    /// For `openai` the URL up to `/v1` (`https://api.openai.com/v1`); for `ollama` the server root
    /// (`http://localhost:11434`); for `anthropic` the API root (`https://api.anthropic.com`).
    public var baseURL: String
    public var model: String
    /// Sent as a bearer token (`openai`) or `x-api-key` (`anthropic`); unused by `ollama`.
    public var apiKey: String?
    public var timeout: Duration
    /// The answer's token limit when a request does not set one.
    public var maxTokens: Int

    public init(name: String, kind: Kind, baseURL: String, model: String, apiKey: String? = nil,
                timeout: Duration = .seconds(30), maxTokens: Int = 1024) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.maxTokens = maxTokens
    }

    /// `provider/model`, as answers name their author.
    public var qualifiedModel: String { "\(name)/\(model)" }

    /// `baseURL` without trailing slashes, then `path`.
    func url(_ path: String) -> String {
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + path
    }

    /// The provider for these settings.
    public func makeProvider(transport: any HTTPTransport, clock: any WallClock) -> any LanguageModel {
        switch kind {
        case .openai: OpenAICompatibleProvider(settings: self, transport: transport, clock: clock)
        case .ollama: OllamaProvider(settings: self, transport: transport, clock: clock)
        case .anthropic: AnthropicProvider(settings: self, transport: transport, clock: clock)
        }
    }
}
