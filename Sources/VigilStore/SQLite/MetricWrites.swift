import Foundation
import SQLiteNIO
import VigilCore

/// The statements of one metric append, run inside the caller's transaction.
enum MetricWrites {
    /// Creates or updates every series in the batch; returns their row ids by key.
    static func upsertSeries(_ samples: [MetricSample], db: SQLiteConnection) async throws -> [String: Int] {
        struct Span { var sample: MetricSample; var first: Date; var last: Date; var lastValue: Double }
        var spans: [String: Span] = [:]
        for s in samples {
            let key = s.series.key
            if var span = spans[key] {
                span.first = min(span.first, s.time)
                if s.time >= span.last { span.last = s.time; span.lastValue = s.value }
                spans[key] = span
            } else {
                spans[key] = Span(sample: s, first: s.time, last: s.time, lastValue: s.value)
            }
        }
        var ids: [String: Int] = [:]
        for chunk in spans.sorted(by: { $0.key < $1.key }).chunked(200) {
            var binds: [SQLiteData] = []
            for (key, span) in chunk {
                binds += [.text(key), .text(span.sample.name), .text(JSONText.object(span.sample.labels)), SQLCodec.time(span.first),
                          SQLCodec.time(span.last), .float(span.lastValue)]
            }
            let rows = try await db.query("""
                INSERT INTO metric_series(key, name, labels, first_seen, last_seen, last_value) VALUES \
                \(Array(repeating: "(?,?,?,?,?,?)", count: chunk.count).joined(separator: ","))
                ON CONFLICT(key) DO UPDATE SET
                  first_seen = MIN(first_seen, excluded.first_seen),
                  last_value = CASE WHEN excluded.last_seen >= last_seen THEN excluded.last_value ELSE last_value END,
                  last_seen = MAX(last_seen, excluded.last_seen)
                RETURNING id, key
                """, binds)
            for row in rows { ids[try row.string("key")] = try row.int("id") }
        }
        return ids
    }

    struct Inserted { var seriesID: Int; var seconds: Double; var value: Double }

    /// Inserts raw samples; a (series, time) already stored is skipped. Returns the rows actually inserted.
    static func insertSamples(_ samples: [MetricSample], ids: [String: Int], db: SQLiteConnection) async throws -> [Inserted] {
        var inserted: [Inserted] = []
        for chunk in samples.chunked(300) {
            var binds: [SQLiteData] = []
            for s in chunk {
                guard let id = ids[s.series.key] else { throw MissingColumn(name: "metric_series.id for \(s.series)") }
                binds += [.integer(id), .integer(Int((s.time.timeIntervalSince1970 * 1000).rounded())), .float(s.value)]
            }
            let rows = try await db.query("""
                INSERT INTO metric_samples(series_id, t, value) VALUES \
                \(Array(repeating: "(?,?,?)", count: chunk.count).joined(separator: ","))
                ON CONFLICT DO NOTHING RETURNING series_id, t, value
                """, binds)
            for row in rows {
                inserted.append(Inserted(seriesID: try row.int("series_id"), seconds: Double(try row.int("t")) / 1000,
                                         value: row.column("value")?.double ?? 0))
            }
        }
        return inserted
    }

    /// Folds inserted samples into their 5-minute and 1-hour buckets.
    static func addRollups(_ inserted: [Inserted], db: SQLiteConnection) async throws {
        struct Key: Hashable { var series: Int; var resolution: Int; var bucket: Int }
        var buckets: [Key: MetricPoint] = [:]
        for r in inserted {
            for resolution in [MetricResolution.fiveMinutes, .hour] {
                let width = resolution.bucketSeconds
                let bucket = Int((r.seconds / Double(width)).rounded(.down)) * width
                let point = MetricPoint(time: Date(timeIntervalSince1970: Double(bucket)), value: r.value)
                let key = Key(series: r.seriesID, resolution: width, bucket: bucket)
                if buckets[key] == nil { buckets[key] = point } else { buckets[key]?.merge(point) }
            }
        }
        for chunk in buckets.sorted(by: { ($0.key.series, $0.key.resolution, $0.key.bucket) < ($1.key.series, $1.key.resolution, $1.key.bucket) })
            .chunked(200) {
            var binds: [SQLiteData] = []
            for (key, p) in chunk {
                binds += [.integer(key.series), .integer(key.resolution), .integer(key.bucket), .float(p.min), .float(p.max),
                          .float(p.sum), .integer(p.count)]
            }
            _ = try await db.query("""
                INSERT INTO metric_rollups(series_id, resolution, bucket, vmin, vmax, vsum, vcount) VALUES \
                \(Array(repeating: "(?,?,?,?,?,?,?)", count: chunk.count).joined(separator: ","))
                ON CONFLICT(series_id, resolution, bucket) DO UPDATE SET
                  vmin = MIN(vmin, excluded.vmin), vmax = MAX(vmax, excluded.vmax),
                  vsum = vsum + excluded.vsum, vcount = vcount + excluded.vcount
                """, binds)
        }
    }
}
