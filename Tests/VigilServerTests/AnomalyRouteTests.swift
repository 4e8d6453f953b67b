import Foundation
import HTTPTypes
import Testing
import VigilConfig
import VigilCore

@Suite struct AnomalyRouteTests {
    @Test func aNewErrorTemplateIsAnAnomalyAndOpensAnIncident() async throws {
        try await withServer({ $0.detect.logs.learningPeriod = ConfigDuration(seconds: 0) }) { api, _ async throws in
            let lines = """
            {"service":"pay","host":"pay-1","level":"info","message":"user 42 logged in"}
            {"service":"pay","host":"pay-1","level":"error","message":"gateway 10.1.2.3 timed out after 30s"}

            """
            #expect(try await api.call(.post, "/api/v1/logs", key: nil, body: Array(lines.utf8)).status == 200)
            var found: [[String: Any]] = []
            #expect(try await eventually {
                found = try await api.get("/api/v1/anomalies?source=logs").items
                return !found.isEmpty
            })
            #expect(found.count == 1, "the info line scores below the threshold")
            let a = try #require(found.first)
            #expect(a["kind"] as? String == "new_template")
            #expect(a["service"] as? String == "pay")
            #expect(a["host"] as? String == "pay-1")
            #expect(a["severity"] as? String == "error")
            let evidence = try #require(a["evidence"] as? [String: Any])
            #expect((evidence["template"] as? String)?.contains("timed out") == true)
            #expect((evidence["examples"] as? [String])?.first?.contains("10.1.2.3") == true)
            // It joins the incident flow like an alert.
            var incidents: [[String: Any]] = []
            #expect(try await eventually {
                incidents = try await api.get("/api/v1/incidents").items
                return !incidents.isEmpty
            })
            #expect((incidents.first?["title"] as? String)?.contains("LogNewTemplate") == true
                    || (incidents.first?["groupLabels"] as? [String: String])?["alertname"] == "LogNewTemplate")
            let alerts = try await api.get("/api/v1/alerts?alertname=LogNewTemplate").items
            #expect(alerts.count == 1)
            #expect(try await api.get("/api/v1/anomalies?service=other").items.isEmpty)
            #expect(try await api.get("/api/v1/anomalies?kind=rate_spike").items.isEmpty)
            #expect(try await api.get("/api/v1/anomalies?open=true").items.count == 1)
            let metrics = try await api.get("/metrics", key: nil).body
            #expect(metrics.contains("vigil_anomalies_total{source=\"logs\",kind=\"new_template\"} 1"))
        }
    }

    @Test func badFiltersAreRefusedAndTheDetectorCanBeOff() async throws {
        try await withServer({ $0.detect.logs.enabled = false; $0.detect.logs.learningPeriod = ConfigDuration(seconds: 0) }) { api, _ async throws in
            let bad = try await api.get("/api/v1/anomalies?kind=bogus")
            #expect(bad.status == 400)
            #expect(bad.errorMessage?.contains("kind") == true)
            #expect(try await api.get("/api/v1/anomalies?since=yesterday").status == 400)
            #expect(try await api.get("/api/v1/anomalies", key: nil).status == 401)
            let line = "{\"service\":\"pay\",\"level\":\"critical\",\"message\":\"kernel panic\"}\n"
            #expect(try await api.call(.post, "/api/v1/logs", key: nil, body: Array(line.utf8)).status == 200)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await api.get("/api/v1/anomalies").items.isEmpty)
        }
    }
}

@Suite struct MetricAnomalyRouteTests {
    @Test func aMetricSpikeIsAnAnomalyAndAnAlert() async throws {
        try await withServer({ $0.metrics.host.enabled = false }) { api, _ async throws in
            let t0 = 1_767_225_600.0
            var samples: [[String: Any]] = []
            for i in 0..<300 {
                let v = i >= 290 && i < 293 ? 900.0 : 100.0 + Double((i * 37) % 11) - 5
                samples.append(["name": "http_latency_ms", "labels": ["service": "checkout", "host": "web-2"],
                                "value": v, "time": t0 + Double(i) * 60])
            }
            #expect(try await api.post("/api/v1/metrics", json: ["samples": samples], key: nil).status == 200)
            var found: [[String: Any]] = []
            #expect(try await eventually {
                found = try await api.get("/api/v1/anomalies?source=metrics").items
                return !found.isEmpty
            })
            let a = try #require(found.first)
            #expect(a["kind"] as? String == "metric_outlier")
            #expect(a["service"] as? String == "checkout")
            #expect((a["evidence"] as? [String: Any])?["observed"] as? Double == 900)
            #expect(try await eventually {
                try await !api.get("/api/v1/alerts?alertname=MetricAnomaly").items.isEmpty
            })
        }
    }
}
