import Foundation
import VigilCore

/// Turns cumulative counters into per-second rates, one series at a time.
///
/// The first sample of a series gives no rate (there is nothing to difference against). A
/// counter that goes down was reset (a restart): the increase since the reset is taken to be
/// the new value itself, as Prometheus's `rate()` does. Samples that do not move time forward
/// give no rate and are not remembered; NaN (a staleness marker) forgets the series.
///
/// ```swift
/// var rates = CounterRates()
/// _ = rates.rate(series: key, time: t0, value: 100)      // nil: first sample
/// rates.rate(series: key, time: t0 + 10, value: 150)     // 5.0 per second
/// ```
public struct CounterRates: Sendable {
    struct Last: Sendable {
        var time: Date
        var value: Double
    }

    var last: [SeriesKey: Last] = [:]

    public init() {}

    /// Series currently remembered.
    public var trackedSeries: Int { last.count }

    public mutating func rate(series: SeriesKey, time: Date, value: Double) -> Double? {
        guard value.isFinite else {
            last[series] = nil
            return nil
        }
        guard let previous = last[series] else {
            last[series] = Last(time: time, value: value)
            return nil
        }
        let elapsed = time.timeIntervalSince(previous.time)
        guard elapsed > 0 else { return nil }
        last[series] = Last(time: time, value: value)
        let increase = value >= previous.value ? value - previous.value : value
        return increase / elapsed
    }

    /// Forgets series not updated since `cutoff`, so vanished series do not hold memory.
    public mutating func forget(notUpdatedSince cutoff: Date) {
        last = last.filter { $0.value.time >= cutoff }
    }
}

/// Turns a scrape into samples to store: gauges as they are, cumulative samples as rates
/// under the name `<name>:rate` (per second), `_created` samples dropped.
public enum ScrapeSamples {
    /// `labels` (e.g. `job`, `instance`) are added to every sample; an exposed label of the same
    /// name is kept as `exported_<name>`, and labels with empty values are dropped, as Prometheus
    /// does. Samples without their own timestamp take `time`.
    public static func make(_ families: [MetricFamily], time: Date, labels: LabelSet,
                            rates: inout CounterRates) -> [MetricSample] {
        var out: [MetricSample] = []
        for family in families {
            for s in family.samples where !s.name.hasSuffix("_created") {
                var merged = labels
                for (name, value) in s.labels where !value.isEmpty {
                    merged[labels[name] == nil ? name : "exported_" + name] = value
                }
                let at = s.timestamp ?? time
                if family.isCumulative(s) {
                    let key = SeriesKey(name: s.name, labels: merged)
                    if let r = rates.rate(series: key, time: at, value: s.value) {
                        out.append(MetricSample(name: s.name + ":rate", labels: merged, time: at, value: r))
                    }
                } else if !s.value.isNaN { // NaN cannot be stored
                    out.append(MetricSample(name: s.name, labels: merged, time: at, value: s.value))
                }
            }
        }
        return out
    }
}
