import Foundation
import VigilCore

/// Posts incidents as JSON to a URL: the generic integration any tool can receive.
///
/// ```yaml
/// notify:
///   webhooks:
///     - name: ops
///       url: https://hooks.example.org/vigil
///       headers: { Authorization: "Bearer ${HOOK_TOKEN}" }
/// ```
public struct WebhookNotifier: Notifier {
    public struct Config: Sendable, Hashable {
        public var name: String
        public var url: String
        public var headers: [String: String]
        public var sendResolved: Bool
        public var minSeverity: Severity
        public var timeout: Duration

        public init(name: String, url: String, headers: [String: String] = [:], sendResolved: Bool = true,
                    minSeverity: Severity = .info, timeout: Duration = .seconds(10)) {
            self.name = name
            self.url = url
            self.headers = headers
            self.sendResolved = sendResolved
            self.minSeverity = minSeverity
            self.timeout = timeout
        }
    }

    public let config: Config
    let transport: any HTTPTransport

    public init(config: Config, transport: any HTTPTransport) {
        self.config = config
        self.transport = transport
    }

    public var name: String { config.name }

    public func accepts(_ n: IncidentNotification) -> Bool {
        if n.kind == .resolved, !config.sendResolved { return false }
        return n.incident.severity >= config.minSeverity
    }

    public func notify(_ n: IncidentNotification) async throws(NotifyError) {
        let body = WebhookPayload(n).encoded()
        var headers = [("Content-Type", "application/json"), ("User-Agent", "vigil")]
        headers += config.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let response: HTTPResponseSpec
        do {
            response = try await transport.send(HTTPRequestSpec(method: "POST", url: config.url, headers: headers,
                                                                body: body, timeout: config.timeout))
        } catch {
            // Transport errors may quote the URL (and any token in it): say only what kind of failure.
            throw NotifyError("webhook '\(config.name)': request failed (\(Self.kind(of: error)))", retryable: true)
        }
        try HTTPStatusClassifier.check(response, channel: "webhook '\(config.name)'")
    }

    static func kind(of error: any Error) -> String {
        let s = String(describing: type(of: error))
        return s.isEmpty ? "transport error" : s
    }
}

/// Turns an HTTP status into success or a classified `NotifyError`.
public enum HTTPStatusClassifier {
    public static func check(_ r: HTTPResponseSpec, channel: String) throws(NotifyError) {
        switch r.status {
        case 200..<300: return
        case 429:
            throw NotifyError("\(channel): HTTP 429 (rate limited)", retryable: true,
                              retryAfter: r.headers.first { $0.key.lowercased() == "retry-after" }.flatMap { TimeInterval($0.value) })
        case 408, 500..<600:
            throw NotifyError("\(channel): HTTP \(r.status)", retryable: true)
        default:
            throw NotifyError("\(channel): HTTP \(r.status)", retryable: false)
        }
    }
}
