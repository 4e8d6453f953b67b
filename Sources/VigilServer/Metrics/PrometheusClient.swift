import Foundation
import VigilCore
import VigilIngest

/// Queries an existing Prometheus with PromQL over its HTTP API (`/api/v1/query`,
/// `/api/v1/query_range`). Errors Prometheus answers with (`bad_data`, `timeout`, …) are thrown
/// as `PromQLError`; transport failures as they come.
///
/// ```swift
/// let client = PrometheusClient(baseURL: "http://127.0.0.1:9090", transport: AsyncHTTPTransport())
/// let up = try await client.query("up")
/// let cpu = try await client.queryRange("rate(node_cpu_seconds_total[1m])", start: from, end: to, step: 15)
/// ```
public struct PrometheusClient: Sendable {
    public let baseURL: String
    let transport: any HTTPTransport
    let timeout: Duration

    public init(baseURL: String, transport: any HTTPTransport, timeout: Duration = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.transport = transport
        self.timeout = timeout
    }

    /// An instant query at `time` (Prometheus's now when nil).
    public func query(_ promql: String, at time: Date? = nil) async throws -> PromQLResult {
        var form = [("query", promql)]
        if let time { form.append(("time", Self.number(time.timeIntervalSince1970))) }
        return try await post("/api/v1/query", form)
    }

    /// A range query from `start` to `end` every `step` seconds.
    public func queryRange(_ promql: String, start: Date, end: Date, step: TimeInterval) async throws -> PromQLResult {
        try await post("/api/v1/query_range", [
            ("query", promql), ("start", Self.number(start.timeIntervalSince1970)),
            ("end", Self.number(end.timeIntervalSince1970)), ("step", Self.number(step)),
        ])
    }

    private func post(_ path: String, _ form: [(String, String)]) async throws -> PromQLResult {
        let body = form.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let response = try await transport.send(HTTPRequestSpec(
            method: "POST", url: baseURL + path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(body.utf8), timeout: timeout))
        return try PromQLResponse.decode(status: response.status, body: response.body).result
    }

    static func number(_ v: Double) -> String { String(format: "%.3f", v) }

    /// `application/x-www-form-urlencoded`: unreserved bytes as they are, everything else %XX.
    static func formEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.append(Character(UnicodeScalar(b)))
            default: out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}
