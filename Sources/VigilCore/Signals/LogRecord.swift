import Foundation

/// One log line as received: when, from where, how severe, and the text.
public struct LogRecord: Sendable, Hashable, Codable {
    public var time: Date
    public var service: String
    public var host: String
    /// Normalised level (`debug`, `info`, `warning`, `error`, `critical`), or nil when unknown.
    public var level: String?
    public var message: String
    public var labels: LabelSet

    public init(time: Date, service: String, host: String = "", level: String? = nil, message: String,
                labels: LabelSet = [:]) {
        self.time = time
        self.service = service
        self.host = host
        self.level = level
        self.message = message
        self.labels = labels
    }

    /// Builds a record from stream labels the way shippers name them
    /// (`service`/`service_name`/`app`/`job`, `host`/`hostname`/`instance`, `level`/`severity`).
    public init(time: Date, message: String, streamLabels labels: LabelSet) {
        let service = labels["service"] ?? labels["service_name"] ?? labels["app"] ?? labels["job"]
            ?? labels["container"] ?? labels["unit"] ?? "unknown"
        let host = labels["host"] ?? labels["hostname"] ?? labels["instance"] ?? labels["node"] ?? ""
        let level = (labels["level"] ?? labels["severity"] ?? labels["detected_level"]).map(LogLevel.normalise)
        self.init(time: time, service: service, host: host, level: level, message: message, labels: labels)
    }

    /// The same stream's fields with another time and message (decoders build one record per stream, then copy).
    public func with(time: Date, message: String) -> LogRecord {
        var r = self
        r.time = time
        r.message = message
        return r
    }
}

/// Level names as shippers and loggers spell them, folded to five.
public enum LogLevel {
    public static func normalise(_ raw: String) -> String {
        switch raw.lowercased() {
        case "trace", "debug", "dbg", "verbose", "fine", "finer", "finest", "7": "debug"
        case "info", "information", "informational", "notice", "inf", "i", "5", "6": "info"
        case "warn", "warning", "wrn", "w", "4": "warning"
        case "error", "err", "eror", "e", "severe", "3": "error"
        case "critical", "crit", "fatal", "panic", "emerg", "emergency", "alert", "f", "0", "1", "2": "critical"
        default: raw.lowercased()
        }
    }
}
