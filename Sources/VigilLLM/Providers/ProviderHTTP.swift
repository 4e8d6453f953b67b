import Foundation
import VigilCore

/// The HTTP half every provider shares: POST a JSON body, turn statuses and transport failures
/// into `LLMError`, decode the reply.
struct ProviderHTTP: Sendable {
    let transport: any HTTPTransport
    let clock: any WallClock

    /// Request bodies are encoded with sorted keys so tests (and caches in front of
    /// providers) see the same bytes for the same request.
    static func encode(_ body: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and numbers cannot fail.
        return Array((try? encoder.encode(body)) ?? Data())
    }

    /// POSTs `body` as JSON to `url` and decodes a 2xx reply as `Reply`.
    func post<Reply: Decodable>(_ url: String, headers: [(String, String)], body: some Encodable, timeout: Duration,
                                as: Reply.Type) async throws(LLMError) -> Reply {
        let spec = HTTPRequestSpec(method: "POST", url: url,
                                   headers: [("content-type", "application/json"), ("accept", "application/json")] + headers,
                                   body: Self.encode(body), timeout: timeout)
        let response: HTTPResponseSpec
        do {
            response = try await transport.send(spec)
        } catch is CancellationError {
            throw .cancelled
        } catch HTTPTransportError.timeout {
            throw .timeout
        } catch {
            throw .unreachable(String(describing: error))
        }
        switch response.status {
        case 200..<300:
            do { return try JSONDecoder().decode(Reply.self, from: Data(response.body)) } catch {
                throw .badResponse("undecodable reply: \(Self.snippet(response.body))")
            }
        case 429:
            throw .rateLimited(retryAfter: Self.retryAfter(response.headers, now: clock.now()))
        default:
            throw .server(status: response.status, message: Self.snippet(response.body))
        }
    }

    /// The start of a body, for error messages.
    static func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return body.count > 200 ? text + "…" : text
    }

    /// Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ headers: [String: String], now: Date) -> TimeInterval? {
        guard let value = headers.first(where: { $0.key.lowercased() == "retry-after" })?.value
            .trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value), seconds.isFinite { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// A chat turn as OpenAI- and Ollama-style APIs take it.
struct ChatMessage: Codable, Sendable {
    var role: String
    var content: String

    /// The system prompt, then the request's turns.
    static func all(_ request: LLMRequest) -> [ChatMessage] {
        [ChatMessage(role: "system", content: request.system)]
            + request.messages.map { ChatMessage(role: $0.role.rawValue, content: $0.content) }
    }
}
