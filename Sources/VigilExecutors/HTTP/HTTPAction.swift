import Foundation
import VigilCore

/// An HTTP request as a remediation step, e.g. asking a deploy system to roll back. Succeeds on a 2xx
/// (or the statuses given); the response body is kept, bounded, for the execution log.
///
/// ```swift
/// let r = try await HTTPAction(transport: t).send(method: "POST", url: "https://deploy/api/rollback", body: "{}")
/// ```
public struct HTTPAction: Sendable {
    public struct Outcome: Sendable, Hashable {
        public var status: Int
        public var body: String
        public var succeeded: Bool
    }

    public var transport: any HTTPTransport
    public var redact: @Sendable (String) -> String

    public init(transport: any HTTPTransport, redact: @escaping @Sendable (String) -> String = { $0 }) {
        self.transport = transport
        self.redact = redact
    }

    public func send(method: String, url: String, headers: [String: String] = [:], body: String? = nil,
                     expect: ClosedRange<Int> = 200...299, timeout: Duration = .seconds(30)) async throws -> Outcome {
        var h = headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if body != nil, !headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
            h.append(("Content-Type", "application/json"))
        }
        let r = try await transport.send(HTTPRequestSpec(method: method, url: url, headers: h, body: Array((body ?? "").utf8),
                                                          timeout: timeout))
        return Outcome(status: r.status, body: redact(String(decoding: r.body.prefix(4096), as: UTF8.self)),
                       succeeded: expect.contains(r.status))
    }
}
