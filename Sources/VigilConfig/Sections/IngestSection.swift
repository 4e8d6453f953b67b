import Foundation

/// `ingest:` — how signals come in.
public struct IngestSection: Decodable, Sendable, Hashable {
    /// Bearer tokens accepted on ingest endpoints. Empty: ingest is open (a warning is logged).
    public var tokens: [String] = []
    public var maxBodyBytes = ByteSize(bytes: 1 << 20)
    public var maxAlertsPerRequest = 10_000
    public var maxLabelsPerAlert = 256
    public var batch = BatchSection()
    public var syslog = SyslogSection()
    /// Log files to follow (rotation by rename or truncation survives; positions survive restarts).
    public var files: [FileTailSection] = []

    /// `ingest.syslog:` — syslog listeners, off unless an address is given.
    public struct SyslogSection: Decodable, Sendable, Hashable {
        /// `host:port` for TCP (RFC 6587 octet counting or LF framing), e.g. `127.0.0.1:5514`.
        public var tcp: String?
        /// `host:port` for UDP.
        public var udp: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case tcp, udp }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            tcp = try c.decodeIfPresent(String.self, forKey: .tcp)
            udp = try c.decodeIfPresent(String.self, forKey: .udp)
        }

        /// Splits `host:port` (IPv6 as `[::1]:5514`).
        public static func address(_ text: String) -> (host: String, port: Int)? {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                  (0...65535).contains(port) else { return nil }
            var host = String(text[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            return host.isEmpty ? nil : (host, port)
        }
    }

    /// `ingest.batch:` — group commit of concurrent requests.
    public struct BatchSection: Decodable, Sendable, Hashable {
        /// Most alerts committed in one transaction.
        public var maxAlerts = 5_000
        /// How long the writer waits to gather more requests before it commits.
        public var maxDelay = ConfigDuration(seconds: 0)

        enum CodingKeys: String, CodingKey, CaseIterable { case maxAlerts = "max_alerts", maxDelay = "max_delay" }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxAlerts = try c.decodeIfPresent(Int.self, forKey: .maxAlerts) ?? maxAlerts
            maxDelay = try c.decodeIfPresent(ConfigDuration.self, forKey: .maxDelay) ?? maxDelay
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case tokens, maxBodyBytes = "max_body_bytes", maxAlertsPerRequest = "max_alerts_per_request"
        case maxLabelsPerAlert = "max_labels_per_alert", batch, syslog, files
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tokens = try c.decodeIfPresent([String].self, forKey: .tokens) ?? tokens
        maxBodyBytes = try c.decodeIfPresent(ByteSize.self, forKey: .maxBodyBytes) ?? maxBodyBytes
        maxAlertsPerRequest = try c.decodeIfPresent(Int.self, forKey: .maxAlertsPerRequest) ?? maxAlertsPerRequest
        maxLabelsPerAlert = try c.decodeIfPresent(Int.self, forKey: .maxLabelsPerAlert) ?? maxLabelsPerAlert
        batch = try c.decodeIfPresent(BatchSection.self, forKey: .batch) ?? batch
        syslog = try c.decodeIfPresent(SyslogSection.self, forKey: .syslog) ?? syslog
        files = try c.decodeIfPresent([FileTailSection].self, forKey: .files) ?? files
    }

    func validate(file: String) throws(ConfigError) {
        guard maxBodyBytes.bytes >= 1024 else {
            throw .invalid(path: "ingest.max_body_bytes", message: "must be at least 1KiB", file: file)
        }
        guard maxAlertsPerRequest >= 1 else {
            throw .invalid(path: "ingest.max_alerts_per_request", message: "must be at least 1", file: file)
        }
        guard maxLabelsPerAlert >= 1 else {
            throw .invalid(path: "ingest.max_labels_per_alert", message: "must be at least 1", file: file)
        }
        guard batch.maxAlerts >= 1 else { throw .invalid(path: "ingest.batch.max_alerts", message: "must be at least 1", file: file) }
        guard batch.maxDelay.seconds >= 0, batch.maxDelay.seconds <= 1 else {
            throw .invalid(path: "ingest.batch.max_delay", message: "must be between 0s and 1s", file: file)
        }
        for (key, value) in [("tcp", syslog.tcp), ("udp", syslog.udp)] {
            if let v = value, SyslogSection.address(v) == nil {
                throw .invalid(path: "ingest.syslog.\(key)", message: "expected host:port, got '\(v)'", file: file)
            }
        }
        for (i, f) in files.enumerated() { try f.validate(index: i, file: file) }
        for (i, t) in tokens.enumerated() where t.count < 16 {
            throw .invalid(path: "ingest.tokens[\(i)]", message: "must be at least 16 characters", file: file)
        }
    }
}
