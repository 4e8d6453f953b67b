import Foundation
import Synchronization
import VigilCore

/// An HTTP transport that answers from a script, in order, and records every request.
/// When the script runs out it throws `ScriptedTransport.Exhausted`, so a test sees any call it
/// did not expect.
///
/// ```swift
/// let transport = ScriptedTransport([.status(429, headers: ["Retry-After": "7"]), .json(#"{"ok":true}"#)])
/// ```
public final class ScriptedTransport: HTTPTransport, Sendable {
    public enum Step: Sendable {
        case respond(HTTPResponseSpec)
        case fail(any Error & Sendable)

        /// A 200 with `body` as its JSON text.
        public static func json(_ body: String, status: Int = 200) -> Step {
            .respond(HTTPResponseSpec(status: status, headers: ["content-type": "application/json"], body: Array(body.utf8)))
        }

        /// A bare status with headers and an optional text body.
        public static func status(_ status: Int, headers: [String: String] = [:], body: String = "") -> Step {
            .respond(HTTPResponseSpec(status: status, headers: headers, body: Array(body.utf8)))
        }

        /// The transport's timeout.
        public static let timeout = Step.fail(HTTPTransportError.timeout)
    }

    public struct Exhausted: Error, Sendable {}

    private let state: Mutex<(steps: [Step], requests: [HTTPRequestSpec])>

    public init(_ steps: [Step] = []) { state = Mutex((steps, [])) }

    public var requests: [HTTPRequestSpec] { state.withLock { $0.requests } }
    /// The bodies sent, as text.
    public var bodies: [String] { requests.map { String(decoding: $0.body, as: UTF8.self) } }

    public func enqueue(_ steps: Step...) { state.withLock { $0.steps += steps } }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec {
        let step: Step? = state.withLock { s in
            s.requests.append(request)
            return s.steps.isEmpty ? nil : s.steps.removeFirst()
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        case nil: throw Exhausted()
        }
    }
}

/// An `LLMCache` in memory.
public final class MemoryLLMCache: LLMCache, Sendable {
    private let entries = Mutex<[String: (response: LLMResponse, purpose: LLMPurpose, expiresAt: Date)]>([:])

    public init() {}

    public var count: Int { entries.withLock { $0.count } }

    public func cachedResponse(key: String, now: Date) async throws -> LLMResponse? {
        entries.withLock { e in e[key].flatMap { $0.expiresAt > now ? $0.response : nil } }
    }

    public func storeResponse(_ response: LLMResponse, key: String, purpose: LLMPurpose, expiresAt: Date) async throws {
        entries.withLock { $0[key] = (response, purpose, expiresAt) }
    }

    public func purgeExpiredResponses(now: Date) async throws -> Int {
        entries.withLock { e in
            let expired = e.filter { $0.value.expiresAt <= now }.map(\.key)
            for key in expired { e[key] = nil }
            return expired.count
        }
    }
}

/// A language model that answers from a script and records requests.
public final class ScriptedLanguageModel: LanguageModel, Sendable {
    public let name: String
    private let state: Mutex<(answers: [Result<LLMResponse, LLMError>], requests: [LLMRequest])>

    public init(name: String = "scripted", answers: [Result<LLMResponse, LLMError>]) {
        self.name = name
        state = Mutex((answers, []))
    }

    /// Text answers attributed to `model`.
    public convenience init(name: String = "scripted", model: String = "scripted/model", texts: [String]) {
        self.init(name: name, answers: texts.map { .success(LLMResponse(text: $0, model: model)) })
    }

    public var requests: [LLMRequest] { state.withLock { $0.requests } }

    public func complete(_ request: LLMRequest) async throws(LLMError) -> LLMResponse {
        let next: Result<LLMResponse, LLMError> = state.withLock { s in
            s.requests.append(request)
            return s.answers.isEmpty ? .failure(.badResponse("script exhausted")) : s.answers.removeFirst()
        }
        return try next.get()
    }
}
