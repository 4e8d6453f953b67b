import Foundation
import HTTPTypes
import Hummingbird
import VigilConfig
import VigilCore
import VigilIngest

/// `POST /api/v1/metrics` (answered after commit), `GET /api/v1/metrics/series` and
/// `GET /api/v1/metrics/query_range`.
struct MetricRoutes {
    let sink: any MetricSink
    let store: any MetricStore
    let clock: any WallClock
    let limits: IngestLimits
    let retention: MetricRetention

    func register(ingest v1: RouterGroup<VigilRequestContext>) {
        v1.post("metrics") { request, _ in
            var request = request
            let body = try await request.bytes(limit: limits.maxBodyBytes)
            let samples: [MetricSample]
            do throws(IngestError) { samples = try MetricsJSON.decode(body, now: clock.now(), limits: limits) } catch {
                throw HTTPError(.init(code: error.status), message: error.message)
            }
            try await sink.accept(samples)
            return try JSONResponse.make(["accepted": samples.count])
        }
    }

    struct SeriesDTO: Encodable {
        var series: String
        var name: String
        var labels: LabelSet
        var firstSeen: Date
        var lastSeen: Date
        var lastValue: Double?
    }

    /// Non-finite numbers (an infinite sample) are written as null: JSON has no Infinity.
    struct PointDTO: Encodable {
        var time: Date
        var value: Double?
        var min: Double?
        var max: Double?
        var count: Int

        init(_ p: MetricPoint) {
            func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
            time = p.time
            value = finite(p.mean)
            min = finite(p.min)
            max = finite(p.max)
            count = p.count
        }
    }

    /// `GET /api/v1/metrics/series?name=&limit=&<label>=<value>…` and
    /// `GET /api/v1/metrics/query_range?series=name{l="v"}&start=&end=&step=&resolution=raw|5m|1h`.
    func registerQueries(on v1: RouterGroup<VigilRequestContext>) {
        v1.get("metrics/series") { request, context in
            _ = try context.require(.viewer)
            var labels: LabelSet = [:]
            for (k, v) in request.uri.queryParameters where !["name", "limit"].contains(String(k)) { labels[String(k)] = String(v) }
            let q = MetricSeriesQuery(name: request.uri.queryParameters.get("name"), labels: labels,
                                      limit: try request.queryLimit(default: 1000, max: 10_000))
            let items = try await store.metricSeries(q).map { s in
                SeriesDTO(series: s.series.key, name: s.series.name, labels: s.series.labels, firstSeen: s.firstSeen,
                          lastSeen: s.lastSeen, lastValue: s.lastValue.isFinite ? s.lastValue : nil)
            }
            return try JSONResponse.make(["items": items])
        }

        v1.get("metrics/query_range") { request, context in
            _ = try context.require(.viewer)
            guard let text = request.uri.queryParameters.get("series") else {
                throw HTTPError(.badRequest, message: "query parameter 'series': required, e.g. host_load1{host=\"db1\"}")
            }
            let series: SeriesKey
            do throws(ExpositionError) { series = try SeriesSelector.parse(text) } catch {
                throw HTTPError(.badRequest, message: "query parameter 'series': column \(error.column): \(error.message)")
            }
            let now = clock.now()
            let end = try request.queryTime("end") ?? now
            let start = try request.queryTime("start") ?? end.addingTimeInterval(-3600)
            guard start < end else { throw HTTPError(.badRequest, message: "query parameter 'start': must be before 'end'") }
            let step = try request.query("step") { ConfigDuration($0).map(\.seconds).flatMap { $0 >= 1 ? $0 : nil } }
            let resolution = try request.query("resolution") { MetricResolution(rawValue: $0) }
                ?? retention.finest(covering: start, now: now)
            let points = try await store.metricRange(.init(series: series, start: start, end: end, step: step, resolution: resolution))
            struct Body: Encodable { var series: String; var resolution: String; var points: [PointDTO] }
            return try JSONResponse.make(Body(series: series.key, resolution: resolution.rawValue, points: points.map(PointDTO.init)))
        }
    }
}
