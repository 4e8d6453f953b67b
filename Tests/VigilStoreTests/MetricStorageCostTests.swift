import Foundation
import Logging
import SQLiteNIO
import Testing
import VigilCore
@testable import VigilStore

/// Backs the per-series cost stated in ARCHITECTURE.md: bytes on disk per raw sample and per
/// rollup bucket, measured on a realistic write pattern (many series, one batch per scrape).
@Suite struct MetricStorageCostTests {
    @Test func bytesPerRawSampleAndPerRollupBucket() async throws {
        try await withTempStore { store, _ in
            let seriesCount = 40
            let scrapes = 1440 // 6 h every 15 s
            let t0 = 1_704_067_200.0
            var rng = SeededRandom(seed: 7)
            for chunk in stride(from: 0, to: scrapes, by: 8) {
                var batch: [MetricSample] = []
                for scrape in chunk..<min(chunk + 8, scrapes) {
                    for s in 0..<seriesCount {
                        batch.append(MetricSample(name: "node_metric", labels: ["series": String(s), "job": "node"],
                                                  time: Date(timeIntervalSince1970: t0 + Double(scrape) * 15),
                                                  value: (Double.random(in: 0..<100, using: &rng) * 10).rounded() / 10))
                    }
                }
                try await store.appendSamples(batch)
            }
            func bytes() async throws -> Double {
                let pages = try await store.writer.query("PRAGMA page_count").first?.column("page_count")?.integer ?? 0
                let free = try await store.writer.query("PRAGMA freelist_count").first?.column("freelist_count")?.integer ?? 0
                let size = try await store.writer.query("PRAGMA page_size").first?.column("page_size")?.integer ?? 0
                return Double((pages - free) * size)
            }
            let all = try await bytes()
            _ = try await store.writer.query("DELETE FROM metric_samples")
            let withoutRaw = try await bytes()
            _ = try await store.writer.query("DELETE FROM metric_rollups")
            let seriesOnly = try await bytes()
            let perSample = (all - withoutRaw) / Double(seriesCount * scrapes)
            let buckets = Double(seriesCount * (scrapes * 15 / 300 + scrapes * 15 / 3600))
            let perBucket = (withoutRaw - seriesOnly) / buckets
            print("metric storage: \(perSample) bytes per raw sample, \(perBucket) bytes per rollup bucket")
            #expect(perSample < 40, "raw sample costs \(perSample) bytes")
            #expect(perBucket < 80, "rollup bucket costs \(perBucket) bytes")
        }
    }
}
