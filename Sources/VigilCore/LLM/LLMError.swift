import Foundation

/// Why a language model gave no usable answer. Providers classify; `LLMRetryPolicy`
/// and the circuit breaker decide what to do about it.
public indirect enum LLMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No answer within the provider's timeout.
    case timeout
    /// The provider could not be reached (connection refused, DNS, TLS).
    case unreachable(String)
    /// HTTP 429; `retryAfter` in seconds when the provider said (`Retry-After` seconds or date).
    case rateLimited(retryAfter: TimeInterval?)
    /// Any other non-2xx status; `message` is the start of the body, for people.
    case server(status: Int, message: String)
    /// A 2xx answer that is not what was asked for (not JSON, missing fields, empty text).
    case badResponse(String)
    /// The model stopped at its token limit (`finish_reason: "length"`, `stop_reason: "max_tokens"`).
    case truncated
    /// A breaker kept this provider out until `until`.
    case circuitOpen(provider: String, until: Date?)
    /// The caller's task was cancelled.
    case cancelled
    /// Every provider in a chain failed; one entry per provider, in order.
    case allProvidersFailed([ProviderFailure])

    /// One provider's failure inside `allProvidersFailed`.
    public struct ProviderFailure: Sendable, Hashable, CustomStringConvertible {
        public var provider: String
        public var error: LLMError

        public init(provider: String, error: LLMError) {
            self.provider = provider
            self.error = error
        }

        public var description: String { "\(provider): \(error)" }
    }

    /// Worth another try at the same provider after a pause: timeouts, 429 and 5xx.
    public var isRetryable: Bool {
        switch self {
        case .timeout, .rateLimited: true
        case .server(let status, _): status >= 500
        default: false
        }
    }

    /// Says the provider is unwell (counts against its circuit breaker). A provider that answered,
    /// even badly or with a 4xx, is up; its answer was the problem.
    public var isAvailabilityFailure: Bool {
        switch self {
        case .timeout, .unreachable, .rateLimited: true
        case .server(let status, _): status >= 500
        default: false
        }
    }

    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .unreachable(let why): "unreachable: \(why)"
        case .rateLimited(let after): after.map { "rate limited (retry after \($0) s)" } ?? "rate limited"
        case .server(let status, let message): message.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(message)"
        case .badResponse(let why): "bad response: \(why)"
        case .truncated: "answer truncated at the token limit"
        case .circuitOpen(let provider, _): "circuit open for \(provider)"
        case .cancelled: "cancelled"
        case .allProvidersFailed(let failures): "all providers failed (\(failures.map(\.description).joined(separator: "; ")))"
        }
    }
}
