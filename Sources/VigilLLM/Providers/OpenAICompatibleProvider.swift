import Foundation
import VigilCore

/// OpenAI chat completions (`POST {base}/chat/completions`): OpenAI, vLLM, llama.cpp's server,
/// LM Studio and Ollama's `/v1` all speak it.
public typealias OpenAICompatibleProvider = LLMProvider<OpenAIChatAPI>

/// The OpenAI chat completions API. A JSON request sets `response_format` to
/// `{"type": "json_object"}`; the key, when set, goes as a bearer token;
/// `finish_reason: "length"` is a truncated answer.
public enum OpenAIChatAPI: ProviderAPI {
    public struct Body: Encodable {
        struct Format: Encodable { var type: String }
        var model: String
        var messages: [ChatMessage]
        var max_tokens: Int
        var temperature: Double?
        var response_format: Format?
        var stream = false
    }

    public struct Reply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message?
            var finish_reason: String?
        }
        struct Usage: Decodable { var prompt_tokens: Int?; var completion_tokens: Int? }
        var choices: [Choice]
        var usage: Usage?
    }

    public static let path = "/chat/completions"

    public static func headers(_ settings: LLMProviderSettings) -> [(String, String)] {
        guard let key = settings.apiKey, !key.isEmpty else { return [] }
        return [("authorization", "Bearer \(key)")]
    }

    public static func body(_ request: LLMRequest, _ settings: LLMProviderSettings) -> Body {
        Body(model: settings.model, messages: ChatMessage.all(request), max_tokens: request.maxTokens ?? settings.maxTokens,
             temperature: request.temperature,
             response_format: request.format.wantsJSON ? Body.Format(type: "json_object") : nil)
    }

    public static func answer(_ reply: Reply) throws(LLMError) -> (text: String, usage: LLMTokenUsage) {
        guard let choice = reply.choices.first else { throw .badResponse("no choices") }
        if choice.finish_reason == "length" { throw .truncated }
        guard let text = choice.message?.content, !text.isEmpty else { throw .badResponse("empty message") }
        return (text, LLMTokenUsage(prompt: reply.usage?.prompt_tokens ?? 0, completion: reply.usage?.completion_tokens ?? 0))
    }
}
