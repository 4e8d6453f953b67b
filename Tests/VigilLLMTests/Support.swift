import Foundation
import Synchronization
import VigilCore
import VigilLLM
import VigilTesting

let t0 = Date(timeIntervalSince1970: 1_700_000_000)

/// Runs `body` while moving `clock` to each deadline it sleeps for; returns the result and every
/// sleep in seconds, in order.
func runAdvancing<T: Sendable>(_ clock: TestClock, _ body: @escaping @Sendable () async -> T) async -> (T, [TimeInterval]) {
    let result = Mutex<T?>(nil)
    let task = Task {
        let value = await body()
        result.withLock { $0 = value }
    }
    var sleeps: [TimeInterval] = []
    while result.withLock({ $0 == nil }) {
        if let deadline = clock.nextDeadline {
            let wait = deadline.timeIntervalSince(clock.now())
            sleeps.append(wait)
            clock.advance(by: wait)
        } else {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
    await task.value
    return (result.withLock { $0! }, sleeps)
}

/// `model.complete(request)` as a `Result`.
func ask(_ model: any LanguageModel, _ request: LLMRequest) async -> Result<LLMResponse, LLMError> {
    do { return .success(try await model.complete(request)) } catch { return .failure(error) }
}

func openAISettings(_ name: String = "local", base: String = "http://127.0.0.1:8080/v1", key: String? = nil) -> LLMProviderSettings {
    LLMProviderSettings(name: name, kind: .openai, baseURL: base, model: "smollm2", apiKey: key, timeout: .seconds(20),
                        maxTokens: 256)
}

/// An OpenAI-style reply carrying `content`.
func openAIReply(_ content: String, finish: String = "stop") -> ScriptedTransport.Step {
    let encoded = String(decoding: try! JSONEncoder().encode(content), as: UTF8.self)
    return .json("""
        {"id":"c1","object":"chat.completion","model":"smollm2","choices":[{"index":0,\
        "message":{"role":"assistant","content":\(encoded)},"finish_reason":"\(finish)"}],\
        "usage":{"prompt_tokens":42,"completion_tokens":7,"total_tokens":49}}
        """)
}

let simpleRequest = LLMRequest(purpose: .analysis, system: "Be brief.", user: "Why is db down?", maxTokens: 64,
                               temperature: 0.2)
