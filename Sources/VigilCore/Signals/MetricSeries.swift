import Foundation

/// One metric series over a window: its labels (`__name__` included) and
/// `(time, value)` samples in time order. A missing sample is a failed scrape.
public struct MetricSeries: Sendable, Hashable {
    public struct Sample: Sendable, Hashable {
        public var time: Date
        public var value: Double
        public init(time: Date, value: Double) {
            self.time = time
            self.value = value
        }
    }

    public var labels: LabelSet
    public var samples: [Sample]

    public init(labels: LabelSet, samples: [Sample]) {
        self.labels = labels
        self.samples = samples
    }

    public var name: String { labels["__name__"] ?? "" }
}
