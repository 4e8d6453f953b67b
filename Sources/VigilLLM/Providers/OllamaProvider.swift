import Foundation
import VigilCore

/// Ollama's native chat API (`POST {base}/api/chat`).
public typealias OllamaProvider = LLMProvider<OllamaChatAPI>

/// Ollama's `/api/chat`: one answer (`stream: false`); a JSON request sets `format: "json"`;
/// limits go in `options` (`num_predict`, `temperature`); `done_reason: "length"` is truncated.
public enum OllamaChatAPI: ProviderAPI {
    public struct Body: Encodable {
        struct Options: Encodable { var num_predict: Int; var temperature: Double? }
        var model: String
        var messages: [ChatMessage]
        var stream = false
        var format: String?
        var options: Options
    }

    public struct Reply: Decodable {
        struct Message: Decodable { var content: String? }
        var message: Message?
        var done_reason: String?
        var prompt_eval_count: Int?
        var eval_count: Int?
    }

    public static let path = "/api/chat"

    public static func headers(_ settings: LLMProviderSettings) -> [(String, String)] { [] }

    public static func body(_ request: LLMRequest, _ settings: LLMProviderSettings) -> Body {
        Body(model: settings.model, messages: ChatMessage.all(request), format: request.format.wantsJSON ? "json" : nil,
             options: Body.Options(num_predict: request.maxTokens ?? settings.maxTokens, temperature: request.temperature))
    }

    public static func answer(_ reply: Reply) throws(LLMError) -> (text: String, usage: LLMTokenUsage) {
        if reply.done_reason == "length" { throw .truncated }
        guard let text = reply.message?.content, !text.isEmpty else { throw .badResponse("empty message") }
        return (text, LLMTokenUsage(prompt: reply.prompt_eval_count ?? 0, completion: reply.eval_count ?? 0))
    }
}
