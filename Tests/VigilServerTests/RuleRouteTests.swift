import Foundation
import HTTPTypes
import Testing
import VigilConfig
import VigilCore

@Suite struct RuleRouteTests {
    func fast(_ c: inout VigilConfiguration) {
        c.metrics.host.enabled = false
        c.automation.interval = ConfigDuration(seconds: 1)
    }

    @Test func aRuleIsCreatedTestedFiresRecordsADecisionAndOpensAnIncident() async throws {
        try await withServer(fast) { api, _ async throws in
            let bad = try await api.post("/api/v1/automation/rules",
                                         json: ["name": "broken", "condition": "queue_depth >> 3", "action": "scale_up"])
            #expect(bad.status == 422)
            #expect(bad.errorMessage?.contains("line 1, column") == true)
            let missing = try await api.post("/api/v1/automation/rules", json: ["name": "x", "condition": "a > 1"])
            #expect(missing.status == 422 || missing.status == 400)

            let rule: [String: Any] = ["name": "Queue backlog", "condition": "queue_depth{service=\"orders\"} > 100",
                                       "action": "scale_up", "confidence_threshold": 0.5, "cooldown": 600]
            let created = try await api.post("/api/v1/automation/rules", json: rule)
            #expect(created.status == 201, "\(created.body)")
            #expect((created.json["rule"] as? [String: Any])?["id"] as? String == "queue-backlog")
            #expect(try await api.post("/api/v1/automation/rules", json: rule).status == 409)

            // No data yet: the test says which input is missing and the rule does not hold.
            let dry = try await api.post("/api/v1/automation/rules/queue-backlog/test", json: [:] as [String: Any])
            #expect(dry.json["holds"] as? Bool == false)
            #expect((dry.json["missing"] as? [String])?.isEmpty == false)

            let now = Date().timeIntervalSince1970
            let samples: [[String: Any]] = (0..<3).map { i in
                ["name": "queue_depth", "labels": ["service": "orders"], "value": 150 + Double(i), "time": now - 20 + Double(i)]
            }
            #expect(try await api.post("/api/v1/metrics", json: ["samples": samples], key: nil).status == 200)
            let wet = try await api.post("/api/v1/automation/rules/queue-backlog/test", json: [:] as [String: Any])
            #expect(wet.json["holds"] as? Bool == true)
            #expect(wet.json["value"] as? Double == 152)
            #expect(wet.json["wouldAct"] as? Bool == true)
            // Replayed over the last hour: the samples of the last 20 s hold at the final steps only.
            #expect((wet.json["evaluations"] as? Int ?? 0) > 10)
            let holding = wet.json["holding"] as? Int ?? 0
            #expect(holding >= 1 && holding <= 3, "holding \(holding)")
            #expect(try await api.post("/api/v1/automation/rules/queue-backlog/test?window=nonsense",
                                       json: [:] as [String: Any]).status == 400)

            var decisions: [[String: Any]] = []
            #expect(try await eventually(timeout: .seconds(10)) {
                decisions = try await api.get("/api/v1/ai/analytics/decisions?rule=queue-backlog").items
                return !decisions.isEmpty
            })
            #expect(decisions.first?["acted"] as? Bool == true)
            #expect(decisions.first?["action"] as? String == "scale_up")
            #expect(try await eventually(timeout: .seconds(10)) {
                try await !api.get("/api/v1/alerts?alertname=AutomationRuleFiring").items.isEmpty
            })
            let listed = try await api.get("/api/v1/automation/rules").items
            #expect(listed.first?["state"] as? String == "firing" || listed.first?["state"] as? String == "cooling_down")

            #expect(try await api.call(.delete, "/api/v1/automation/rules/queue-backlog").status == 200)
            #expect(try await api.get("/api/v1/automation/rules/queue-backlog").status == 404)
            #expect(try await api.get("/api/v1/automation/rules", key: nil).status == 401)
        }
    }

    @Test func aFillingFilesystemIsPredictedBeforeItIsFull() async throws {
        try await withServer(fast) { api, _ async throws in
            let now = Date().timeIntervalSince1970
            // 36 hours at 2% per hour towards 100%: about 10 hours left.
            let samples: [[String: Any]] = (0..<216).map { i in
                let t = now - 36 * 3600 + Double(i) * 600
                return ["name": "host_filesystem_used_ratio", "labels": ["host": "db-1", "mountpoint": "/var"],
                        "value": 0.08 + 0.02 * (t - (now - 36 * 3600)) / 3600, "time": t]
            }
            #expect(try await api.post("/api/v1/metrics", json: ["samples": samples], key: nil).status == 200)
            let items = try await api.get("/api/v1/predictions").items
            let p = try #require(items.first)
            let eta = try #require(p["etaSeconds"] as? Double)
            #expect(eta > 7 * 3600 && eta < 13 * 3600, "eta \(eta / 3600) h")
            #expect(p["warning"] as? Bool == true)
            #expect((p["summary"] as? String)?.contains("80%") == true)
            #expect(try await eventually(timeout: .seconds(10)) {
                try await !api.get("/api/v1/anomalies?kind=exhaustion").items.isEmpty
            })
        }
    }
}
