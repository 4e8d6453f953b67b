import Foundation
import VigilCore

/// Ollama's native chat API (`POST {base}/api/chat`, one answer with `stream: false`). A JSON
/// request sets `format: "json"`; limits go in `options` (`num_predict`, `temperature`).
///
/// ```swift
/// let ollama = OllamaProvider(
///     settings: LLMProviderSettings(name: "ollama", kind: .ollama, baseURL: "http://127.0.0.1:11434", model: "llama3.2"),
///     transport: transport, clock: SystemClock())
/// ```
public struct OllamaProvider: LanguageModel {
    public let settings: LLMProviderSettings
    let http: ProviderHTTP

    public init(settings: LLMProviderSettings, transport: any HTTPTransport, clock: any WallClock) {
        self.settings = settings
        http = ProviderHTTP(transport: transport, clock: clock)
    }

    public var name: String { settings.name }

    struct Body: Encodable {
        struct Options: Encodable { var num_predict: Int; var temperature: Double? }
        var model: String
        var messages: [ChatMessage]
        var stream = false
        var format: String?
        var options: Options
    }

    struct Reply: Decodable {
        struct Message: Decodable { var content: String? }
        var message: Message?
        var done_reason: String?
        var prompt_eval_count: Int?
        var eval_count: Int?
    }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        let body = Body(model: settings.model, messages: ChatMessage.all(request),
                        format: request.format.wantsJSON ? "json" : nil,
                        options: Body.Options(num_predict: request.maxTokens ?? settings.maxTokens,
                                              temperature: request.temperature))
        let reply = try await http.post(settings.url("/api/chat"), headers: [], body: body, timeout: settings.timeout,
                                        as: Reply.self)
        if reply.done_reason == "length" { throw .truncated }
        guard let text = reply.message?.content, !text.isEmpty else { throw .badResponse("empty message") }
        return LLMResponse(text: text, model: settings.qualifiedModel,
                           usage: LLMTokenUsage(prompt: reply.prompt_eval_count ?? 0, completion: reply.eval_count ?? 0))
    }
}
