import Foundation
import VigilCore
import VigilDetect
import VigilIngest

/// Rule inputs read from Vigil's own metric history (and, for `promql:` conditions, a configured
/// Prometheus). A selector names a series by name and labels; when several stored series match,
/// the most recently written one is used.
struct StoreRuleInputs: RuleInputSource {
    let store: any MetricStore
    let prometheus: PrometheusClient?
    let clock: any WallClock

    func series(_ s: SignalSelector) async -> MetricSeriesInfo? {
        let found = (try? await store.metricSeries(MetricSeriesQuery(name: s.name, labels: s.labels, limit: 1000))) ?? []
        return found.max { $0.lastSeen < $1.lastSeen }
    }

    func current(_ signal: SignalSelector) async -> Double? {
        await series(signal)?.lastValue
    }

    func growth(_ signal: SignalSelector, over window: TimeInterval) async -> SignalGrowth? {
        guard let info = await series(signal) else { return nil }
        let now = clock.now()
        guard let points = try? await store.metricRange(MetricRangeQuery(series: info.series, start: now - window, end: now)),
              let first = points.first, let last = points.last, points.count >= 2 else { return nil }
        return SignalGrowth(start: first.sum / Double(max(first.count, 1)), end: last.sum / Double(max(last.count, 1)))
    }

    func prediction(_ signal: SignalSelector, horizon: TimeInterval) async -> ForecastPoint? {
        guard let info = await series(signal) else { return nil }
        let now = clock.now()
        guard let forecaster = await Self.forecaster(store: store, series: info.series, now: now) else { return nil }
        return forecaster.forecast(at: now + horizon)
    }

    func promql(_ query: String) async -> [Double]? {
        guard let prometheus, let result = try? await prometheus.query(query) else { return nil }
        return result.series.compactMap { $0.points.last?.value }
    }

    /// A forecaster fed with the series' stored history over its window (rollups where raw samples are gone).
    static func forecaster(store: any MetricStore, series: SeriesKey, now: Date) async -> Forecaster? {
        var f = Forecaster()
        guard let points = try? await store.metricRange(MetricRangeQuery(series: series, start: now - f.window, end: now)),
              points.count >= 8 else { return nil }
        for p in points { f.observe(time: p.time, value: p.sum / Double(max(p.count, 1))) }
        return f
    }
}
