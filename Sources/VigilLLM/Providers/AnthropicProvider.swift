import Foundation
import VigilCore

/// Anthropic Messages (`POST {base}/v1/messages`, `x-api-key`, `anthropic-version: 2023-06-01`).
/// The system prompt is the top-level `system` field. The API has no JSON mode, so a JSON request
/// adds an instruction to the system prompt and the caller validates the answer.
///
/// ```swift
/// let claude = AnthropicProvider(
///     settings: LLMProviderSettings(name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com",
///                                   model: "claude-3-5-haiku-latest", apiKey: key),
///     transport: transport, clock: SystemClock())
/// ```
public struct AnthropicProvider: LanguageModel {
    public static let apiVersion = "2023-06-01"
    static let jsonInstruction = "Reply with one JSON object and nothing else."

    public let settings: LLMProviderSettings
    let http: ProviderHTTP

    public init(settings: LLMProviderSettings, transport: any HTTPTransport, clock: any WallClock) {
        self.settings = settings
        http = ProviderHTTP(transport: transport, clock: clock)
    }

    public var name: String { settings.name }

    struct Body: Encodable {
        var model: String
        var max_tokens: Int
        var system: String
        var messages: [ChatMessage]
        var temperature: Double?
    }

    struct Reply: Decodable {
        struct Block: Decodable { var type: String; var text: String? }
        struct Usage: Decodable { var input_tokens: Int?; var output_tokens: Int? }
        var content: [Block]
        var stop_reason: String?
        var usage: Usage?
    }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        let system = request.format.wantsJSON ? request.system + "\n\n" + Self.jsonInstruction : request.system
        let body = Body(model: settings.model, max_tokens: request.maxTokens ?? settings.maxTokens, system: system,
                        messages: request.messages.map { ChatMessage(role: $0.role.rawValue, content: $0.content) },
                        temperature: request.temperature)
        var headers = [("anthropic-version", Self.apiVersion)]
        if let key = settings.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        let reply = try await http.post(settings.url("/v1/messages"), headers: headers, body: body,
                                        timeout: settings.timeout, as: Reply.self)
        if reply.stop_reason == "max_tokens" { throw .truncated }
        let text = reply.content.filter { $0.type == "text" }.compactMap(\.text).joined()
        guard !text.isEmpty else { throw .badResponse("no text content") }
        return LLMResponse(text: text, model: settings.qualifiedModel,
                           usage: LLMTokenUsage(prompt: reply.usage?.input_tokens ?? 0,
                                                completion: reply.usage?.output_tokens ?? 0))
    }
}
