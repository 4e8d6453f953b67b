import Foundation
import HTTPTypes
import Testing
import VigilConfig
import VigilCore

@Suite struct MetricRouteTests {
    /// An hour ago, on a 5-minute boundary: inside the raw retention, so pruning keeps it.
    static let base = ((Date().timeIntervalSince1970 - 3600) / 300).rounded(.down) * 300
    static func time(_ offset: Double) -> String { RFC3339.format(Date(timeIntervalSince1970: base + offset)) }

    @Test func pushedSamplesAreStoredAndQueryable() async throws {
        try await withServer({ $0.metrics.host.enabled = false }) { api, _ async throws in
            var samples: [[String: Any]] = []
            for i in 0..<30 {
                samples.append(["name": "queue_depth", "labels": ["service": "api"], "value": Double(i),
                                "time": Self.base + Double(i) * 10])
            }
            samples.append(["name": "queue_depth", "labels": ["service": "db"], "value": 7, "time": Self.time(0)])
            let r = try await api.post("/api/v1/metrics", json: ["samples": samples], key: nil)
            #expect(r.status == 200, "\(r.body)")
            #expect(r.json["accepted"] as? Int == 31)

            let series = try await api.get("/api/v1/metrics/series?name=queue_depth").items
            #expect(series.compactMap { $0["series"] as? String } == [#"queue_depth{service="api"}"#, #"queue_depth{service="db"}"#])
            #expect(series.first?["lastValue"] as? Double == 29)
            #expect(try await api.get("/api/v1/metrics/series?service=db").items.count == 1)

            let q = "series=" + #"queue_depth{service="api"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                + "&start=\(Self.time(0))&end=\(Self.time(300))&resolution=raw"
            let raw = try await api.get("/api/v1/metrics/query_range?" + q)
            #expect(raw.status == 200, "\(raw.body)")
            let points = raw.json["points"] as? [[String: Any]] ?? []
            #expect(points.count == 30)
            #expect(points.last?["value"] as? Double == 29)
            let stepped = try await api.get("/api/v1/metrics/query_range?" + q + "&step=1m").json["points"] as? [[String: Any]] ?? []
            #expect(stepped.count == 5)
            #expect(stepped.first?["count"] as? Int == 6 && stepped.first?["max"] as? Double == 5)
            let rollup = try await api.get("/api/v1/metrics/query_range?" + q.replacingOccurrences(of: "raw", with: "5m"))
            #expect((rollup.json["points"] as? [[String: Any]])?.first?["count"] as? Int == 30)

            let metrics = try await api.get("/metrics", key: nil).body
            #expect(metrics.contains("vigil_metric_samples_ingested_total 31"))
        }
    }

    @Test func badBodiesAreRefusedWholeAndNothingIsStored() async throws {
        try await withServer({ $0.metrics.host.enabled = false }) { api, _ async throws in
            let bad = try await api.post("/api/v1/metrics", json: ["samples": [["name": "ok", "value": 1], ["name": "x", "value": "high"]]],
                                         key: nil)
            #expect(bad.status == 422)
            #expect(bad.errorMessage?.contains("samples[1].value") == true, "\(bad.body)")
            let broken = try await api.post("/api/v1/metrics", raw: "{\"samples\": [", key: nil)
            #expect(broken.status == 400)
            #expect(try await api.get("/api/v1/metrics/series").items.isEmpty)
            let noSeries = try await api.get("/api/v1/metrics/query_range")
            #expect(noSeries.status == 400)
            let badSeries = try await api.get("/api/v1/metrics/query_range?series=up%7Bjob%3D")
            #expect(badSeries.status == 400 && badSeries.errorMessage?.contains("column") == true, "\(badSeries.body)")
            let badStep = try await api.get("/api/v1/metrics/query_range?series=up&step=0s")
            #expect(badStep.status == 400)
            #expect(try await api.get("/api/v1/metrics/series", key: nil).status == 401)
        }
    }

    @Test func theHostCollectorIsOnByDefault() async throws {
        try await withServer { api, _ async throws in
            let found = try await eventually(timeout: .seconds(10)) {
                let names = Set(try await api.get("/api/v1/metrics/series").items.compactMap { $0["name"] as? String })
                return names.isSuperset(of: ["host_load1", "host_memory_used_ratio", "host_filesystem_used_ratio"])
            }
            #expect(found, "host series did not appear")
        }
    }
}
