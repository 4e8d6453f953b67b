import Foundation
import SQLiteNIO
import VigilCore

/// The statements of one metric append, run inside the caller's transaction. Raw samples go
/// through a temporary staging table so that de-duplication and the rollups are computed by
/// SQLite in a few set statements rather than row by row in Swift.
enum MetricWrites {
    /// A series' time span and newest value within one batch.
    struct Span {
        var key: String
        var sample: MetricSample
        var first: Date
        var last: Date
        var lastValue: Double
    }

    static func spans(_ samples: [MetricSample], keys: [String]) -> [Span] {
        var index: [String: Int] = [:]
        var out: [Span] = []
        for (s, key) in zip(samples, keys) {
            if let i = index[key] {
                out[i].first = min(out[i].first, s.time)
                if s.time >= out[i].last { out[i].last = s.time; out[i].lastValue = s.value }
            } else {
                index[key] = out.count
                out.append(Span(key: key, sample: s, first: s.time, last: s.time, lastValue: s.value))
            }
        }
        return out
    }

    /// Creates series not seen before (or not cached); returns their ids by key.
    static func insertSeries(_ spans: [Span], db: SQLiteConnection) async throws -> [String: Int] {
        var ids: [String: Int] = [:]
        for chunk in spans.chunked(200) {
            var binds: [SQLiteData] = []
            for span in chunk {
                binds += [.text(span.key), .text(span.sample.name), .text(JSONText.object(span.sample.labels)),
                          SQLCodec.time(span.first), SQLCodec.time(span.last), .float(span.lastValue)]
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

    /// Moves first/last seen and the last value of known series.
    static func touchSeries(_ spans: [(id: Int, span: Span)], db: SQLiteConnection) async throws {
        for chunk in spans.chunked(250) {
            var binds: [SQLiteData] = []
            for (id, span) in chunk {
                binds += [.integer(id), SQLCodec.time(span.first), SQLCodec.time(span.last), .float(span.lastValue)]
            }
            _ = try await db.query("""
                UPDATE metric_series SET
                  first_seen = MIN(metric_series.first_seen, v.column2),
                  last_value = CASE WHEN v.column3 >= metric_series.last_seen THEN v.column4 ELSE metric_series.last_value END,
                  last_seen = MAX(metric_series.last_seen, v.column3)
                FROM (VALUES \(Array(repeating: "(?,?,?,?)", count: chunk.count).joined(separator: ","))) AS v
                WHERE metric_series.id = v.column1
                """, binds)
        }
    }

    /// Stages the samples, drops those already stored (first write wins), inserts the rest and
    /// folds exactly those into their 5-minute and 1-hour buckets.
    static func insertSamples(_ samples: [MetricSample], keys: [String], ids: [String: Int], db: SQLiteConnection) async throws {
        _ = try await db.query("""
            CREATE TEMP TABLE IF NOT EXISTS metric_staging(
              series_id INTEGER NOT NULL, t INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY(series_id, t)
            ) WITHOUT ROWID
            """)
        for chunk in Array(zip(samples, keys)).chunked(300) {
            var binds: [SQLiteData] = []
            for (s, key) in chunk {
                guard let id = ids[key] else { throw MissingColumn(name: "metric_series.id for \(key)") }
                binds += [.integer(id), .integer(Int((s.time.timeIntervalSince1970 * 1000).rounded())), .float(s.value)]
            }
            _ = try await db.query("""
                INSERT OR IGNORE INTO temp.metric_staging(series_id, t, value) VALUES \
                \(Array(repeating: "(?,?,?)", count: chunk.count).joined(separator: ","))
                """, binds)
        }
        _ = try await db.query("""
            DELETE FROM temp.metric_staging WHERE EXISTS (
              SELECT 1 FROM metric_samples m WHERE m.series_id = metric_staging.series_id AND m.t = metric_staging.t)
            """)
        _ = try await db.query("INSERT INTO metric_samples(series_id, t, value) SELECT series_id, t, value FROM temp.metric_staging")
        for resolution in [MetricResolution.fiveMinutes, .hour] {
            let width = resolution.bucketSeconds
            _ = try await db.query("""
                INSERT INTO metric_rollups(series_id, resolution, bucket, vmin, vmax, vsum, vcount)
                SELECT series_id, \(width), (t / \(width * 1000)) * \(width) AS b, MIN(value), MAX(value), SUM(value), COUNT(*)
                FROM temp.metric_staging GROUP BY series_id, b
                ON CONFLICT(series_id, resolution, bucket) DO UPDATE SET
                  vmin = MIN(vmin, excluded.vmin), vmax = MAX(vmax, excluded.vmax),
                  vsum = vsum + excluded.vsum, vcount = vcount + excluded.vcount
                """)
        }
        _ = try await db.query("DELETE FROM temp.metric_staging")
    }
}
