import Foundation
import SQLiteNIO
import Synchronization
import VigilCore

extension SQLiteStore: MetricStore {
    public func appendSamples(_ samples: [MetricSample]) async throws {
        let valid = samples.filter { !$0.value.isNaN }
        guard !valid.isEmpty else { return }
        let keys = valid.map(\.series.key)
        let spans = MetricWrites.spans(valid, keys: keys)
        try await writeLock.withLock {
            // Known series only need their span moved; new ones (or ones not cached since start-up) are upserted.
            var ids: [String: Int] = [:]
            var known: [(id: Int, span: MetricWrites.Span)] = []
            var unknown: [MetricWrites.Span] = []
            metricSeriesIDs.withLock { cache in
                for span in spans {
                    if let id = cache[span.key] { ids[span.key] = id; known.append((id, span)) } else { unknown.append(span) }
                }
            }
            _ = try await writer.query("BEGIN IMMEDIATE")
            do {
                let created = try await MetricWrites.insertSeries(unknown, db: writer)
                ids.merge(created) { _, new in new }
                try await MetricWrites.touchSeries(known, db: writer)
                try await MetricWrites.insertSamples(valid, keys: keys, ids: ids, db: writer)
                _ = try await writer.query("COMMIT")
                metricSeriesIDs.withLock { $0.merge(created) { _, new in new } }
            } catch {
                _ = try? await writer.query("ROLLBACK")
                throw error
            }
        }
    }

    public func metricRange(_ q: MetricRangeQuery) async throws -> [MetricPoint] {
        let resolution = q.resolution ?? .raw
        let step = Int((q.step ?? 0).rounded(.up))
        let start = q.start.timeIntervalSince1970
        let end = q.end.timeIntervalSince1970
        let rows: [SQLiteRow]
        if resolution == .raw {
            let bucket = step > 0 ? "(t / \(step * 1000)) * \(step)" : "t / 1000.0"
            rows = try await reader.query("""
                SELECT \(bucket) AS time, MIN(value) AS vmin, MAX(value) AS vmax, SUM(value) AS vsum, COUNT(*) AS vcount
                FROM metric_samples WHERE series_id = (SELECT id FROM metric_series WHERE key = ?) AND t >= ? AND t < ?
                GROUP BY \(step > 0 ? "time" : "t") ORDER BY time LIMIT \(Self.maxPoints)
                """, [.text(q.series.key), .integer(Int((start * 1000).rounded(.up))), .integer(Int((end * 1000).rounded(.up)))])
        } else {
            let width = resolution.bucketSeconds
            let merged = max(width, step)
            rows = try await reader.query("""
                SELECT (bucket / \(merged)) * \(merged) AS time, MIN(vmin) AS vmin, MAX(vmax) AS vmax, SUM(vsum) AS vsum,
                  SUM(vcount) AS vcount
                FROM metric_rollups WHERE series_id = (SELECT id FROM metric_series WHERE key = ?) AND resolution = ?
                  AND bucket >= ? AND bucket < ?
                GROUP BY time ORDER BY time LIMIT \(Self.maxPoints)
                """, [.text(q.series.key), .integer(width), .integer(Int(start) / width * width), .integer(Int(end.rounded(.up)))])
        }
        return rows.compactMap { row in
            guard let t = row.column("time")?.double, let lo = row.column("vmin")?.double, let hi = row.column("vmax")?.double,
                  let sum = row.column("vsum")?.double, let n = row.column("vcount")?.integer else { return nil }
            return MetricPoint(time: Date(timeIntervalSince1970: t), min: lo, max: hi, sum: sum, count: n)
        }
    }

    /// The most points one range query returns.
    static let maxPoints = 100_000

    public func metricSeries(_ q: MetricSeriesQuery) async throws -> [MetricSeriesInfo] {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let name = q.name { conditions.append("name = ?"); binds.append(.text(name)) }
        for (label, value) in q.labels.sorted(by: { $0.key < $1.key }) {
            conditions.append("json_extract(labels, ?) = ?")
            binds += [.text("$.\"\(label)\""), .text(value)]
        }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await reader.query(
            "SELECT * FROM metric_series \(whereSQL) ORDER BY key LIMIT \(max(1, min(q.limit, 10_000)))", binds)
        return try rows.map { row in
            MetricSeriesInfo(series: SeriesKey(name: try row.string("name"), labels: try SQLCodec.decodeJSON(LabelSet.self, row.column("labels"))),
                             firstSeen: try row.date("first_seen"), lastSeen: try row.date("last_seen"),
                             lastValue: row.column("last_value")?.double ?? .nan)
        }
    }

    public func pruneMetrics(retention: MetricRetention, now: Date) async throws -> MetricPruneResult {
        let t = now.timeIntervalSince1970
        return try await writeLock.withLock {
            var result = MetricPruneResult()
            func run(_ sql: String, _ binds: [SQLiteData]) async throws -> Int {
                _ = try await writer.query(sql, binds)
                return Int(try await writer.query("SELECT changes() AS n").first?.column("n")?.integer ?? 0)
            }
            let all = "series_id IN (SELECT id FROM metric_series)"
            result.rawSamples = try await run("DELETE FROM metric_samples WHERE \(all) AND t < ?",
                                              [.integer(Int((t - retention.raw) * 1000))])
            for (resolution, keep) in [(MetricResolution.fiveMinutes, retention.fiveMinutes), (.hour, retention.hour)] {
                result.rollupBuckets += try await run(
                    "DELETE FROM metric_rollups WHERE \(all) AND resolution = ? AND bucket < ?",
                    [.integer(resolution.bucketSeconds), .integer(Int(t - keep) - resolution.bucketSeconds)])
            }
            let longest = max(retention.raw, retention.fiveMinutes, retention.hour)
            result.series = try await run("DELETE FROM metric_series WHERE last_seen < ?", [.float(t - longest)])
            if result.series > 0 { metricSeriesIDs.withLock { $0.removeAll() } } // deleted ids must not be reused from the cache
            return result
        }
    }
}
