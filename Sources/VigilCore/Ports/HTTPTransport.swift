import Foundation

/// An outgoing HTTP request, as stages describe it without doing I/O.
public struct HTTPRequestSpec: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var timeout: Duration

    public init(method: String = "POST", url: String, headers: [(String, String)] = [], body: [UInt8] = [],
                timeout: Duration = .seconds(10)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.method == b.method && a.url == b.url && a.body == b.body && a.timeout == b.timeout
            && a.headers.map { $0.0 + ":" + $0.1 } == b.headers.map { $0.0 + ":" + $0.1 }
    }

    public func hash(into h: inout Hasher) {
        h.combine(method); h.combine(url); h.combine(body)
    }
}

/// The answer to an `HTTPRequestSpec`.
public struct HTTPResponseSpec: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends HTTP requests. The server implements it with AsyncHTTPClient;
/// tests record or script it.
///
/// ```swift
/// let response = try await transport.send(HTTPRequestSpec(url: "http://127.0.0.1:9/hook", body: bytes))
/// ```
public protocol HTTPTransport: Sendable {
    /// Throws only for transport failures (connect, timeout); any HTTP status is a response.
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec
}

/// A transport failure a caller may want to tell apart; transports throw `.timeout` when the
/// request's `timeout` passed (other failures may be any error).
public enum HTTPTransportError: Error, Sendable, Hashable {
    case timeout
}
