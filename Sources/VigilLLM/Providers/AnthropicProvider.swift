import Foundation
import VigilCore

/// Anthropic Messages (`POST {base}/v1/messages`).
public typealias AnthropicProvider = LLMProvider<AnthropicMessagesAPI>

/// The Anthropic Messages API: `x-api-key`, `anthropic-version: 2023-06-01`, the system prompt as
/// the top-level `system` field, `stop_reason: "max_tokens"` is truncated. It has no JSON mode, so
/// a JSON request adds an instruction to the system prompt and the caller validates the answer.
public enum AnthropicMessagesAPI: ProviderAPI {
    public static let version = "2023-06-01"
    static let jsonInstruction = "Reply with one JSON object and nothing else."

    public struct Body: Encodable {
        var model: String
        var max_tokens: Int
        var system: String
        var messages: [ChatMessage]
        var temperature: Double?
    }

    public struct Reply: Decodable {
        struct Block: Decodable { var type: String; var text: String? }
        struct Usage: Decodable { var input_tokens: Int?; var output_tokens: Int? }
        var content: [Block]
        var stop_reason: String?
        var usage: Usage?
    }

    public static let path = "/v1/messages"

    public static func headers(_ settings: LLMProviderSettings) -> [(String, String)] {
        var headers = [("anthropic-version", version)]
        if let key = settings.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        return headers
    }

    public static func body(_ request: LLMRequest, _ settings: LLMProviderSettings) -> Body {
        Body(model: settings.model, max_tokens: request.maxTokens ?? settings.maxTokens,
             system: request.format.wantsJSON ? request.system + "\n\n" + jsonInstruction : request.system,
             messages: request.messages.map { ChatMessage(role: $0.role.rawValue, content: $0.content) },
             temperature: request.temperature)
    }

    public static func answer(_ reply: Reply) throws(LLMError) -> (text: String, usage: LLMTokenUsage) {
        if reply.stop_reason == "max_tokens" { throw .truncated }
        let text = reply.content.filter { $0.type == "text" }.compactMap(\.text).joined()
        guard !text.isEmpty else { throw .badResponse("no text content") }
        return (text, LLMTokenUsage(prompt: reply.usage?.input_tokens ?? 0, completion: reply.usage?.output_tokens ?? 0))
    }
}
