import Foundation
import VigilCore

/// `metrics:` — the host collector, scrape targets, a Prometheus to query, and local history.
public struct MetricsSection: Decodable, Sendable, Hashable {
    public var host = HostSection()
    public var scrape: [ScrapeTarget] = []
    public var prometheus = PrometheusSection()
    public var retention = RetentionSection()

    /// `metrics.host:` — the built-in collector of this machine's /proc and statfs, on by default.
    public struct HostSection: Decodable, Sendable, Hashable {
        public var enabled = true
        public var interval = ConfigDuration(seconds: 15)
        /// Process names (as in /proc/[pid]/comm) whose CPU and memory are reported.
        public var processes: [String] = []

        enum CodingKeys: String, CodingKey, CaseIterable { case enabled, interval, processes }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
            interval = try c.decodeIfPresent(ConfigDuration.self, forKey: .interval) ?? interval
            processes = try c.decodeIfPresent([String].self, forKey: .processes) ?? processes
        }
    }

    /// One entry of `metrics.scrape:` — a Prometheus exposition endpoint.
    public struct ScrapeTarget: Decodable, Sendable, Hashable {
        /// Becomes the `job` label of every sample.
        public var name: String
        public var url: String
        public var interval = ConfigDuration(seconds: 15)
        public var timeout = ConfigDuration(seconds: 10)
        /// A scrape exposing more samples than this fails (only `up` = 0 is stored), so one
        /// runaway exporter cannot flood the store.
        public var sampleLimit = 20_000

        enum CodingKeys: String, CodingKey, CaseIterable { case name, url, interval, timeout, sampleLimit = "sample_limit" }

        public init(name: String, url: String, interval: ConfigDuration = ConfigDuration(seconds: 15)) {
            self.name = name
            self.url = url
            self.interval = interval
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            url = try c.decode(String.self, forKey: .url)
            interval = try c.decodeIfPresent(ConfigDuration.self, forKey: .interval) ?? interval
            timeout = try c.decodeIfPresent(ConfigDuration.self, forKey: .timeout) ?? timeout
            sampleLimit = try c.decodeIfPresent(Int.self, forKey: .sampleLimit) ?? sampleLimit
        }
    }

    /// `metrics.prometheus:` — an existing Prometheus queried with PromQL (off without a URL).
    public struct PrometheusSection: Decodable, Sendable, Hashable {
        public var url: String?
        public var timeout = ConfigDuration(seconds: 30)

        enum CodingKeys: String, CodingKey, CaseIterable { case url, timeout }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            timeout = try c.decodeIfPresent(ConfigDuration.self, forKey: .timeout) ?? timeout
        }
    }

    /// `metrics.retention:` — how long each resolution of local history is kept.
    public struct RetentionSection: Decodable, Sendable, Hashable {
        public var raw = ConfigDuration(seconds: MetricRetention().raw)
        public var fiveMinutes = ConfigDuration(seconds: MetricRetention().fiveMinutes)
        public var hour = ConfigDuration(seconds: MetricRetention().hour)

        enum CodingKeys: String, CodingKey, CaseIterable { case raw, fiveMinutes = "five_minutes", hour = "hourly" }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            raw = try c.decodeIfPresent(ConfigDuration.self, forKey: .raw) ?? raw
            fiveMinutes = try c.decodeIfPresent(ConfigDuration.self, forKey: .fiveMinutes) ?? fiveMinutes
            hour = try c.decodeIfPresent(ConfigDuration.self, forKey: .hour) ?? hour
        }

        public var retention: MetricRetention {
            MetricRetention(raw: raw.seconds, fiveMinutes: fiveMinutes.seconds, hour: hour.seconds)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case host, scrape, prometheus, retention }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        host = try c.decodeIfPresent(HostSection.self, forKey: .host) ?? host
        scrape = try c.decodeIfPresent([ScrapeTarget].self, forKey: .scrape) ?? scrape
        prometheus = try c.decodeIfPresent(PrometheusSection.self, forKey: .prometheus) ?? prometheus
        retention = try c.decodeIfPresent(RetentionSection.self, forKey: .retention) ?? retention
    }

    func validate(file: String) throws(ConfigError) {
        guard host.interval.seconds >= 1 else { throw .invalid(path: "metrics.host.interval", message: "must be at least 1s", file: file) }
        for (i, p) in host.processes.enumerated() where p.isEmpty || p.utf8.count > 15 {
            throw .invalid(path: "metrics.host.processes[\(i)]", message: "a process name is 1 to 15 bytes (as in /proc/[pid]/comm)", file: file)
        }
        var names: Set<String> = []
        for (i, t) in scrape.enumerated() {
            let path = "metrics.scrape[\(i)]"
            guard !t.name.isEmpty else { throw .invalid(path: "\(path).name", message: "must not be empty", file: file) }
            guard names.insert(t.name).inserted else { throw .invalid(path: "\(path).name", message: "'\(t.name)' is used twice", file: file) }
            guard Self.isHTTPURL(t.url) else { throw .invalid(path: "\(path).url", message: "must be an http(s) URL", file: file) }
            guard t.interval.seconds >= 1 else { throw .invalid(path: "\(path).interval", message: "must be at least 1s", file: file) }
            guard t.timeout.seconds > 0, t.timeout <= t.interval else {
                throw .invalid(path: "\(path).timeout", message: "must be positive and at most the interval", file: file)
            }
            guard t.sampleLimit >= 1 else { throw .invalid(path: "\(path).sample_limit", message: "must be at least 1", file: file) }
        }
        if let url = prometheus.url, !Self.isHTTPURL(url) {
            throw .invalid(path: "metrics.prometheus.url", message: "must be an http(s) URL", file: file)
        }
        guard retention.raw.seconds >= 3600 else { throw .invalid(path: "metrics.retention.raw", message: "must be at least 1h", file: file) }
        guard retention.fiveMinutes >= retention.raw else {
            throw .invalid(path: "metrics.retention.five_minutes", message: "must be at least metrics.retention.raw", file: file)
        }
        guard retention.hour >= retention.fiveMinutes else {
            throw .invalid(path: "metrics.retention.hourly", message: "must be at least metrics.retention.five_minutes", file: file)
        }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let u = URL(string: text), let scheme = u.scheme, ["http", "https"].contains(scheme), u.host != nil else { return false }
        return true
    }
}
