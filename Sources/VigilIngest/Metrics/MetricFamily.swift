import Foundation
import VigilCore

/// The two exposition formats a scrape target may answer with.
public enum ExpositionFormat: String, Sendable, Hashable {
    /// Prometheus text format 0.0.4 (`text/plain; version=0.0.4`): integer millisecond timestamps.
    case text
    /// OpenMetrics 1.0 (`application/openmetrics-text`): float-second timestamps, `# UNIT`, ends with `# EOF`.
    case openMetrics

    /// The format a `Content-Type` header announces (text when absent or unknown).
    public static func from(contentType: String?) -> ExpositionFormat {
        (contentType ?? "").lowercased().hasPrefix("application/openmetrics-text") ? .openMetrics : .text
    }

    /// The `Accept` header a scraper sends: OpenMetrics preferred, text accepted.
    public static let acceptHeader = "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
}

/// A family's declared type (`# TYPE`); `untyped` when none was declared.
public enum MetricType: String, Sendable, Hashable, CaseIterable {
    case counter, gauge, histogram, summary, untyped, unknown, info, stateset, gaugehistogram

    /// Sample-name suffixes that belong to a family of this type.
    var suffixes: [String] {
        switch self {
        case .counter: ["_total", "_created"]
        case .histogram: ["_bucket", "_count", "_sum", "_created"]
        case .gaugehistogram: ["_bucket", "_gcount", "_gsum"]
        case .summary: ["_count", "_sum", "_created"]
        case .info: ["_info"]
        case .gauge, .untyped, .unknown, .stateset: []
        }
    }
}

/// One sample line as exposed.
public struct ScrapedSample: Sendable, Hashable {
    public var name: String
    public var labels: LabelSet
    public var value: Double
    /// The sample's own timestamp, when the line carried one.
    public var timestamp: Date?

    public init(name: String, labels: LabelSet, value: Double, timestamp: Date? = nil) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }
}

/// A metric family: its metadata and samples, in exposition order.
public struct MetricFamily: Sendable, Hashable {
    public var name: String
    public var type: MetricType
    public var help: String?
    public var unit: String?
    public var samples: [ScrapedSample]

    public init(name: String, type: MetricType = .untyped, help: String? = nil, unit: String? = nil, samples: [ScrapedSample] = []) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.samples = samples
    }

    /// Whether a sample of this family only ever grows (until a reset): counters, and the
    /// bucket/count/sum samples of histograms and summaries. These are turned into rates.
    public func isCumulative(_ sample: ScrapedSample) -> Bool {
        switch type {
        case .counter: !sample.name.hasSuffix("_created")
        case .histogram: ["_bucket", "_count", "_sum"].contains { sample.name.hasSuffix($0) }
        case .summary: ["_count", "_sum"].contains { sample.name.hasSuffix($0) }
        default: false
        }
    }
}

/// Why an exposition did not parse: line and column (1-based, in bytes) and what was wrong.
public struct ExpositionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
