import Foundation
import VigilCore

/// OpenAI chat completions (`POST {base}/chat/completions`): OpenAI, vLLM, llama.cpp's server,
/// LM Studio and Ollama's `/v1` all speak it. A JSON request sets `response_format` to
/// `{"type": "json_object"}`; the key, when set, goes as a bearer token.
///
/// ```swift
/// let local = OpenAICompatibleProvider(
///     settings: LLMProviderSettings(name: "local", kind: .openai, baseURL: "http://127.0.0.1:8080/v1", model: "smollm2"),
///     transport: transport, clock: SystemClock())
/// ```
public struct OpenAICompatibleProvider: LanguageModel {
    public let settings: LLMProviderSettings
    let http: ProviderHTTP

    public init(settings: LLMProviderSettings, transport: any HTTPTransport, clock: any WallClock) {
        self.settings = settings
        http = ProviderHTTP(transport: transport, clock: clock)
    }

    public var name: String { settings.name }

    struct Body: Encodable {
        struct Format: Encodable { var type: String }
        var model: String
        var messages: [ChatMessage]
        var max_tokens: Int
        var temperature: Double?
        var response_format: Format?
        var stream = false
    }

    struct Reply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message?
            var finish_reason: String?
        }
        struct Usage: Decodable { var prompt_tokens: Int?; var completion_tokens: Int? }
        var choices: [Choice]
        var usage: Usage?
    }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        let body = Body(model: settings.model, messages: ChatMessage.all(request),
                        max_tokens: request.maxTokens ?? settings.maxTokens, temperature: request.temperature,
                        response_format: request.format.wantsJSON ? Body.Format(type: "json_object") : nil)
        var headers: [(String, String)] = []
        if let key = settings.apiKey, !key.isEmpty { headers.append(("authorization", "Bearer \(key)")) }
        let reply = try await http.post(settings.url("/chat/completions"), headers: headers, body: body,
                                        timeout: settings.timeout, as: Reply.self)
        guard let choice = reply.choices.first else { throw .badResponse("no choices") }
        if choice.finish_reason == "length" { throw .truncated }
        guard let text = choice.message?.content, !text.isEmpty else { throw .badResponse("empty message") }
        return LLMResponse(text: text, model: settings.qualifiedModel,
                           usage: LLMTokenUsage(prompt: reply.usage?.prompt_tokens ?? 0,
                                                completion: reply.usage?.completion_tokens ?? 0))
    }
}
