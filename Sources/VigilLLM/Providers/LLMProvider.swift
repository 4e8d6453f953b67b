import Foundation
import VigilCore

/// What one provider API defines: where requests go, their headers and body, and how to read the
/// answer. `LLMProvider` does the rest (HTTP, status mapping, attribution).
public protocol ProviderAPI: Sendable {
    associatedtype Body: Encodable
    associatedtype Reply: Decodable
    /// Appended to the provider's `baseURL`.
    static var path: String { get }
    static func headers(_ settings: LLMProviderSettings) -> [(String, String)]
    static func body(_ request: LLMRequest, _ settings: LLMProviderSettings) -> Body
    /// The answer's text and token use, or `.truncated` / `.badResponse`.
    static func answer(_ reply: Reply) throws(LLMError) -> (text: String, usage: LLMTokenUsage)
}

/// A language model reached over HTTP through one provider API; answers are attributed
/// `name/model` as configured. The concrete providers are `OpenAICompatibleProvider`,
/// `OllamaProvider` and `AnthropicProvider`.
///
/// ```swift
/// let local = OpenAICompatibleProvider(
///     settings: LLMProviderSettings(name: "local", kind: .openai, baseURL: "http://127.0.0.1:8080/v1", model: "smollm2"),
///     transport: transport, clock: SystemClock())
/// ```
public struct LLMProvider<API: ProviderAPI>: LanguageModel {
    public let settings: LLMProviderSettings
    let http: ProviderHTTP

    public init(settings: LLMProviderSettings, transport: any HTTPTransport, clock: any WallClock) {
        self.settings = settings
        http = ProviderHTTP(transport: transport, clock: clock)
    }

    public var name: String { settings.name }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        let reply = try await http.post(settings.url(API.path), headers: API.headers(settings),
                                        body: API.body(request, settings), timeout: settings.timeout, as: API.Reply.self)
        let (text, usage) = try API.answer(reply)
        return LLMResponse(text: text, model: settings.qualifiedModel, usage: usage)
    }
}
