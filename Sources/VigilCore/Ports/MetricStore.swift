import Foundation

/// Which copy of a series' history a range query reads.
public enum MetricResolution: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every sample, kept for the raw retention window.
    case raw
    /// Five-minute min/max/sum/count buckets.
    case fiveMinutes = "5m"
    /// One-hour min/max/sum/count buckets.
    case hour = "1h"

    /// Width of one bucket in seconds (0 for raw).
    public var bucketSeconds: Int {
        switch self {
        case .raw: 0
        case .fiveMinutes: 300
        case .hour: 3600
        }
    }
}

/// How long each resolution is kept. Defaults: raw 24 h, 5-minute rollups 14 days, hourly rollups 90 days.
public struct MetricRetention: Sendable, Hashable {
    public var raw: TimeInterval
    public var fiveMinutes: TimeInterval
    public var hour: TimeInterval

    public init(raw: TimeInterval = 86_400, fiveMinutes: TimeInterval = 14 * 86_400, hour: TimeInterval = 90 * 86_400) {
        self.raw = raw
        self.fiveMinutes = fiveMinutes
        self.hour = hour
    }

    /// The finest resolution that still covers `start` at `now`.
    public func finest(covering start: Date, now: Date) -> MetricResolution {
        let age = now.timeIntervalSince(start)
        if age <= raw { return .raw }
        return age <= fiveMinutes ? .fiveMinutes : .hour
    }
}

/// An aggregate of the samples in one step (or one raw sample: count 1, min = max = sum).
public struct MetricPoint: Sendable, Hashable, Codable {
    /// Start of the bucket (the sample's own time for raw points).
    public var time: Date
    public var min: Double
    public var max: Double
    public var sum: Double
    public var count: Int

    public init(time: Date, min: Double, max: Double, sum: Double, count: Int) {
        self.time = time
        self.min = min
        self.max = max
        self.sum = sum
        self.count = count
    }

    public init(time: Date, value: Double) {
        self.init(time: time, min: value, max: value, sum: value, count: 1)
    }

    public var mean: Double { count > 0 ? sum / Double(count) : .nan }

    /// Folds another point of the same bucket into this one.
    public mutating func merge(_ other: MetricPoint) {
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        sum += other.sum
        count += other.count
    }
}

/// One series over `start..<end`, read from `resolution` (raw when nil; see `MetricRetention.finest`);
/// `step` (seconds) merges the points into steps aligned to multiples of `step` since the epoch.
public struct MetricRangeQuery: Sendable, Hashable {
    public var series: SeriesKey
    public var start: Date
    public var end: Date
    public var step: TimeInterval?
    public var resolution: MetricResolution?

    public init(series: SeriesKey, start: Date, end: Date, step: TimeInterval? = nil, resolution: MetricResolution? = nil) {
        self.series = series
        self.start = start
        self.end = end
        self.step = step
        self.resolution = resolution
    }
}

/// Filters for listing series: by name, and by labels that must match exactly.
public struct MetricSeriesQuery: Sendable, Hashable {
    public var name: String?
    public var labels: LabelSet
    public var limit: Int

    public init(name: String? = nil, labels: LabelSet = [:], limit: Int = 1000) {
        self.name = name
        self.labels = labels
        self.limit = limit
    }
}

/// A stored series and when it was last written.
public struct MetricSeriesInfo: Sendable, Hashable {
    public var series: SeriesKey
    public var firstSeen: Date
    public var lastSeen: Date
    public var lastValue: Double

    public init(series: SeriesKey, firstSeen: Date, lastSeen: Date, lastValue: Double) {
        self.series = series
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.lastValue = lastValue
    }
}

/// What one prune removed.
public struct MetricPruneResult: Sendable, Hashable {
    public var rawSamples: Int
    public var rollupBuckets: Int
    public var series: Int

    public init(rawSamples: Int = 0, rollupBuckets: Int = 0, series: Int = 0) {
        self.rawSamples = rawSamples
        self.rollupBuckets = rollupBuckets
        self.series = series
    }
}

/// Local metric history: raw samples for a recent window, rollups for longer.
///
/// ```swift
/// try await store.appendSamples(samples)               // one transaction: all or nothing
/// let points = try await store.metricRange(.init(series: key, start: from, end: to, step: 60))
/// _ = try await store.pruneMetrics(retention: MetricRetention(), now: clock.now())
/// ```
public protocol MetricStore: Sendable {
    /// Appends samples in one transaction and updates the rollups. A sample whose series and
    /// time are already stored is ignored (first write wins), so re-sends do not double-count.
    /// Non-finite values cannot be stored: callers drop NaN before appending.
    func appendSamples(_ samples: [MetricSample]) async throws
    /// Points of one series, oldest first.
    func metricRange(_ query: MetricRangeQuery) async throws -> [MetricPoint]
    /// Known series, sorted by key.
    func metricSeries(_ query: MetricSeriesQuery) async throws -> [MetricSeriesInfo]
    /// Deletes what is older than each resolution's retention, and series not written for the longest one.
    func pruneMetrics(retention: MetricRetention, now: Date) async throws -> MetricPruneResult
}

extension MetricPoint {
    /// Merges sorted points into buckets of `step` seconds aligned to the epoch, oldest first.
    public static func rebucket(_ points: [MetricPoint], step: TimeInterval) -> [MetricPoint] {
        guard step > 0 else { return points }
        var out: [MetricPoint] = []
        for p in points {
            let start = Date(timeIntervalSince1970: (p.time.timeIntervalSince1970 / step).rounded(.down) * step)
            if let last = out.last, last.time == start {
                out[out.count - 1].merge(p)
            } else {
                var q = p
                q.time = start
                out.append(q)
            }
        }
        return out
    }
}
