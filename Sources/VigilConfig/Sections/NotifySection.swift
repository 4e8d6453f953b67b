import Foundation
import VigilCore

/// `notify:` — where incidents are announced, and how delivery retries.
public struct NotifySection: Decodable, Sendable, Hashable {
    public var retry = RetrySection()
    public var webhooks: [WebhookSection] = []

    /// `notify.retry:`
    public struct RetrySection: Decodable, Sendable, Hashable {
        public var maxAttempts = 8
        public var initialBackoff = ConfigDuration(seconds: 1)
        public var maxBackoff = ConfigDuration(seconds: 300)

        enum CodingKeys: String, CodingKey, CaseIterable {
            case maxAttempts = "max_attempts", initialBackoff = "initial_backoff", maxBackoff = "max_backoff"
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? maxAttempts
            initialBackoff = try c.decodeIfPresent(ConfigDuration.self, forKey: .initialBackoff) ?? initialBackoff
            maxBackoff = try c.decodeIfPresent(ConfigDuration.self, forKey: .maxBackoff) ?? maxBackoff
        }
    }

    /// One entry of `notify.webhooks:`.
    public struct WebhookSection: Decodable, Sendable, Hashable {
        public var name: String
        public var url: String
        public var headers: [String: String] = [:]
        public var sendResolved = true
        public var minSeverity = Severity.info
        public var timeout = ConfigDuration(seconds: 10)

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, url, headers, sendResolved = "send_resolved", minSeverity = "min_severity", timeout
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            url = try c.decode(String.self, forKey: .url)
            headers = try c.decodeIfPresent([String: String].self, forKey: .headers) ?? headers
            sendResolved = try c.decodeIfPresent(Bool.self, forKey: .sendResolved) ?? sendResolved
            minSeverity = try c.decodeIfPresent(Severity.self, forKey: .minSeverity) ?? minSeverity
            timeout = try c.decodeIfPresent(ConfigDuration.self, forKey: .timeout) ?? timeout
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case retry, webhooks }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        retry = try c.decodeIfPresent(RetrySection.self, forKey: .retry) ?? retry
        webhooks = try c.decodeIfPresent([WebhookSection].self, forKey: .webhooks) ?? webhooks
    }

    func validate(file: String) throws(ConfigError) {
        guard retry.maxAttempts >= 1 else { throw .invalid(path: "notify.retry.max_attempts", message: "must be at least 1", file: file) }
        guard retry.initialBackoff.seconds > 0, retry.maxBackoff >= retry.initialBackoff else {
            throw .invalid(path: "notify.retry", message: "initial_backoff must be positive and at most max_backoff", file: file)
        }
        var names: Set<String> = []
        for (i, w) in webhooks.enumerated() {
            let path = "notify.webhooks[\(i)]"
            guard !w.name.isEmpty else { throw .invalid(path: "\(path).name", message: "must not be empty", file: file) }
            guard names.insert(w.name).inserted else {
                throw .invalid(path: "\(path).name", message: "'\(w.name)' is used twice", file: file)
            }
            guard let u = URL(string: w.url), let scheme = u.scheme, ["http", "https"].contains(scheme), u.host != nil else {
                throw .invalid(path: "\(path).url", message: "must be an http(s) URL", file: file)
            }
            guard w.timeout.seconds > 0 else { throw .invalid(path: "\(path).timeout", message: "must be positive", file: file) }
        }
    }
}

/// `security:` — API rate limits.
public struct SecuritySection: Decodable, Sendable, Hashable {
    /// Requests per second each API key may make on average.
    public var rateLimitPerSecond = 50.0
    /// How many requests a key may make in a burst.
    public var rateLimitBurst = 100

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rateLimitPerSecond = "rate_limit_per_second", rateLimitBurst = "rate_limit_burst"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rateLimitPerSecond = try c.decodeIfPresent(Double.self, forKey: .rateLimitPerSecond) ?? rateLimitPerSecond
        rateLimitBurst = try c.decodeIfPresent(Int.self, forKey: .rateLimitBurst) ?? rateLimitBurst
    }

    func validate(file: String) throws(ConfigError) {
        guard rateLimitPerSecond > 0 else {
            throw .invalid(path: "security.rate_limit_per_second", message: "must be positive", file: file)
        }
        guard rateLimitBurst >= 1 else { throw .invalid(path: "security.rate_limit_burst", message: "must be at least 1", file: file) }
    }
}
