import Foundation
import Logging
import SQLiteNIO
import Testing
import VigilCore
@testable import VigilStore

@Suite("SQLiteStore as MetricStore")
struct SQLiteMetricStoreTests {
    /// 2024-01-01T00:00:00Z: a whole hour, so buckets are easy to read.
    static let t0 = Date(timeIntervalSince1970: 1_704_067_200)
    static let key = SeriesKey(name: "cpu", labels: ["host": "a"])
    func at(_ s: Double) -> Date { Self.t0.addingTimeInterval(s) }
    func sample(_ s: Double, _ v: Double, _ labels: LabelSet = ["host": "a"]) -> MetricSample {
        MetricSample(name: "cpu", labels: labels, time: at(s), value: v)
    }

    @Test("raw range, step aggregation and series listing")
    func rawRange() async throws {
        try await withTempStore { store, _ in
            try await store.appendSamples((0..<60).map { sample(Double($0) * 10, Double($0)) } + [sample(5, 99, ["host": "b"])])
            let raw = try await store.metricRange(.init(series: Self.key, start: at(100), end: at(200)))
            #expect(raw.map(\.mean) == Array(10..<20).map(Double.init))
            #expect(raw.first?.time == at(100))
            let stepped = try await store.metricRange(.init(series: Self.key, start: at(0), end: at(600), step: 60))
            #expect(stepped.count == 10)
            #expect(stepped[1].time == at(60) && stepped[1].count == 6 && stepped[1].min == 6 && stepped[1].max == 11)
            #expect(stepped[1].sum == 6 + 7 + 8 + 9 + 10 + 11)

            let all = try await store.metricSeries(.init())
            #expect(all.map(\.series.key) == [#"cpu{host="a"}"#, #"cpu{host="b"}"#])
            #expect(all[0].lastValue == 59 && all[0].lastSeen == at(590) && all[0].firstSeen == at(0))
            #expect(try await store.metricSeries(.init(labels: ["host": "b"])).map(\.lastValue) == [99])
            #expect(try await store.metricSeries(.init(name: "mem")).isEmpty)
        }
    }

    @Test("rollups: 5-minute and hourly min/max/sum/count; a re-sent sample is not counted twice")
    func rollups() async throws {
        try await withTempStore { store, _ in
            let batch = (0..<720).map { sample(Double($0) * 10, Double($0 % 30)) } // 2 h, every 10 s
            try await store.appendSamples(batch)
            try await store.appendSamples(Array(batch.prefix(50)) + [sample(7200, 1000)]) // re-send + one new
            let five = try await store.metricRange(.init(series: Self.key, start: at(0), end: at(7300), resolution: .fiveMinutes))
            #expect(five.count == 25)
            #expect(five[0].time == at(0) && five[0].count == 30 && five[0].min == 0 && five[0].max == 29)
            #expect(five[0].sum == Double((0..<30).reduce(0, +)))
            #expect(five.last?.count == 1 && five.last?.max == 1000)
            let hours = try await store.metricRange(.init(series: Self.key, start: at(0), end: at(7300), resolution: .hour))
            #expect(hours.map(\.count) == [360, 360, 1])
            let merged = try await store.metricRange(.init(series: Self.key, start: at(0), end: at(7200), step: 1800,
                                                           resolution: .fiveMinutes))
            #expect(merged.map(\.count) == [180, 180, 180, 180])
        }
    }

    @Test("NaN is dropped; a failing batch leaves nothing behind")
    func atomic() async throws {
        try await withTempStore { store, _ in
            try await store.appendSamples([sample(0, .nan)])
            #expect(try await store.metricSeries(.init()).isEmpty)
            // An infinite last value is stored, a batch whose statement fails rolls back whole.
            try await store.appendSamples([sample(0, .infinity)])
            #expect(try await store.metricSeries(.init()).first?.lastValue == .infinity)
            _ = try await store.writer.query("CREATE TRIGGER boom BEFORE INSERT ON metric_rollups BEGIN SELECT RAISE(ABORT, 'boom'); END")
            await #expect(throws: (any Error).self) {
                try await store.appendSamples([self.sample(100, 1), self.sample(0, 2, ["host": "new"])])
            }
            #expect(try await store.metricSeries(.init()).count == 1)
            #expect(try await store.metricRange(.init(series: Self.key, start: at(50), end: at(200))).isEmpty)
            // The rolled-back series got no cached id: once writes work again it is created for real.
            _ = try await store.writer.query("DROP TRIGGER boom")
            try await store.appendSamples([sample(0, 2, ["host": "new"])])
            let new = SeriesKey(name: "cpu", labels: ["host": "new"])
            #expect(try await store.metricRange(.init(series: new, start: at(0), end: at(1))).map(\.mean) == [2])
            #expect(try await store.metricSeries(.init(labels: ["host": "new"])).count == 1)
        }
    }

    @Test("pruning applies each resolution's retention and drops series not written for the longest one")
    func prune() async throws {
        try await withTempStore { store, _ in
            try await store.appendSamples((0..<(3 * 360)).map { sample(Double($0) * 10, 1) }) // 3 h
            try await store.appendSamples([MetricSample(name: "old", time: at(0), value: 1)])
            let retention = MetricRetention(raw: 3600, fiveMinutes: 7200, hour: 9000)
            let now = at(3 * 3600)
            let result = try await store.pruneMetrics(retention: retention, now: now)
            #expect(result.rawSamples == 2 * 360 + 1, "two hours of cpu, and the one sample of old")
            #expect(result.series == 1, "'old' was last written 3 h ago, past the 2.5 h hourly retention")
            let raw = try await store.metricRange(.init(series: Self.key, start: at(0), end: now))
            #expect(raw.first?.time == at(7200) && raw.count == 360)
            let five = try await store.metricRange(.init(series: Self.key, start: at(0), end: now, resolution: .fiveMinutes))
            #expect(five.first?.time == at(3600 - 300), "5-minute buckets older than 2 h (plus one bucket) are gone")
            let hours = try await store.metricRange(.init(series: Self.key, start: at(0), end: now, resolution: .hour))
            #expect(hours.count == 3, "hourly buckets within 2.5 h + one bucket stay")
            #expect(try await store.metricSeries(.init()).map(\.series.name) == ["cpu"])
            #expect(try await store.pruneMetrics(retention: retention, now: now) == MetricPruneResult())
            // A pruned series that comes back gets a new row (no stale id from the cache).
            try await store.appendSamples([MetricSample(name: "old", time: now, value: 5)])
            #expect(try await store.metricRange(.init(series: SeriesKey(name: "old"), start: now, end: now.addingTimeInterval(1)))
                .map(\.mean) == [5])
            #expect(try await store.metricSeries(.init(name: "old")).first?.firstSeen == now)
        }
    }

    @Test("a migration numbered below the highest applied one still applies (branches merged out of order)")
    func outOfOrderMigrations() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-mig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let logger = Logger(label: "test")
        let db = try await SQLiteConnection.open(storage: .file(path: dir + "/m.db"), logger: logger)
        do {
            let without4 = SQLiteMigrations.all.filter { $0.version != 4 }
            try await SQLiteStore.migrate(db, logger: logger, migrations: without4)
            let late: (version: Int, sql: [String]) = (4, ["CREATE TABLE late_four(x INTEGER)"])
            try await SQLiteStore.migrate(db, logger: logger, migrations: without4 + [late])
            let versions = try await db.query("SELECT version FROM schema_migrations ORDER BY version").compactMap { $0.column("version")?.integer }
            #expect(versions.contains(4) && versions.contains(5))
            #expect(try await db.query("SELECT COUNT(*) AS n FROM late_four").first?.column("n")?.integer == 0)
            try await db.close()
        } catch {
            try? await db.close()
            throw error
        }
    }
}
