import Foundation

/// What a prompt is for; picks the cache lifetime and lets a server account for use.
public enum LLMPurpose: String, Sendable, Hashable, Codable, CaseIterable {
    /// Explaining (and possibly re-ranking) a diagnosis.
    case analysis
    /// Writing a remediation playbook.
    case playbook
    /// Turning a natural-language command into an action.
    case command
}

/// One turn of a conversation after the system prompt.
public struct LLMMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable { case user, assistant }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    public static func user(_ content: String) -> LLMMessage { LLMMessage(role: .user, content: content) }
    public static func assistant(_ content: String) -> LLMMessage { LLMMessage(role: .assistant, content: content) }
}

/// The shape of answer a request wants.
public enum LLMResponseFormat: Sendable, Hashable, Codable {
    /// Free text.
    case text
    /// One JSON object. `schema` (JSON Schema text) is advisory: providers that cannot enforce it
    /// rely on the prompt, and callers validate the answer themselves.
    case json(schema: String?)

    public var wantsJSON: Bool { if case .json = self { true } else { false } }
}

/// A request to a language model: a system prompt, the conversation, and limits.
public struct LLMRequest: Sendable, Hashable, Codable {
    public var purpose: LLMPurpose
    public var system: String
    /// User and assistant turns, oldest first; the last one is the user's.
    public var messages: [LLMMessage]
    public var format: LLMResponseFormat
    /// The most tokens the answer may use; `nil` leaves it to the provider's configured limit.
    public var maxTokens: Int?
    public var temperature: Double?

    public init(purpose: LLMPurpose, system: String, messages: [LLMMessage], format: LLMResponseFormat = .text,
                maxTokens: Int? = nil, temperature: Double? = nil) {
        self.purpose = purpose
        self.system = system
        self.messages = messages
        self.format = format
        self.maxTokens = maxTokens
        self.temperature = temperature
    }

    /// A request with one user message.
    public init(purpose: LLMPurpose, system: String, user: String, format: LLMResponseFormat = .text,
                maxTokens: Int? = nil, temperature: Double? = nil) {
        self.init(purpose: purpose, system: system, messages: [.user(user)], format: format, maxTokens: maxTokens,
                  temperature: temperature)
    }
}

/// Tokens a call used, as the provider counted them (zero when it did not say).
public struct LLMTokenUsage: Sendable, Hashable, Codable {
    public var prompt: Int
    public var completion: Int

    public init(prompt: Int = 0, completion: Int = 0) {
        self.prompt = prompt
        self.completion = completion
    }
}

/// A model's answer.
public struct LLMResponse: Sendable, Hashable, Codable {
    public var text: String
    /// Who answered, as `provider/model` (the configured provider name, then the model the provider reported).
    public var model: String
    public var usage: LLMTokenUsage
    /// True when the answer came from the response cache rather than a provider.
    public var cached: Bool

    public init(text: String, model: String, usage: LLMTokenUsage = LLMTokenUsage(), cached: Bool = false) {
        self.text = text
        self.model = model
        self.usage = usage
        self.cached = cached
    }

    /// The configured provider name: the part of `model` before the first `/`.
    public var provider: String { String(model.prefix { $0 != "/" }) }
}

/// A language model: one provider, or a chain, cache or other wrapper around some.
///
/// ```swift
/// let answer = try await model.complete(LLMRequest(purpose: .analysis, system: "Be brief.", user: "Why?"))
/// print(answer.model, answer.text)
/// ```
public protocol LanguageModel: Sendable {
    /// A short name for logs and circuit breakers (a provider's configured name).
    var name: String { get }
    /// Answers `request` or throws an `LLMError`.
    func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse
}
