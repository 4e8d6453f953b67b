import Foundation
import HTTPTypes
import Testing
import VigilConfig
import VigilCore

@Suite struct DiagnosisRouteTests {
    /// checkout → payments → postgres, and a cache nobody blames.
    static func topology(_ c: inout VigilConfiguration) {
        c.metrics.host.enabled = false
        c.automation.enabled = false
        c.diagnosis.auto = false
        c.topology = TopologySection(services: [
            .init(name: "checkout", kind: .app, hosts: ["web-1"], dependsOn: ["payments", "redis"]),
            .init(name: "payments", kind: .app, hosts: ["app-1"], dependsOn: ["postgres"]),
            .init(name: "postgres", kind: .db, hosts: ["db-1"]),
            .init(name: "redis", kind: .cache, hosts: ["cache-1"]),
        ])
    }

    @Test func changesAreStoredListedAndBadOnesRefusedWithTheField() async throws {
        try await withServer(Self.topology) { api, _ async throws in
            let one = try await api.post("/api/v1/changes", json: ["service": "payments", "kind": "deploy",
                                                                   "description": "v1.4 → v1.5", "time": "2026-01-01T00:00:00Z"],
                                         key: nil)
            #expect(one.status == 201, "\(one.body)")
            #expect(one.json["accepted"] as? Int == 1)
            let batch = try await api.post("/api/v1/changes", json: ["changes": [
                ["service": "postgres", "kind": "configuration", "description": "max_connections 200 → 50"],
                ["service": "redis", "kind": "scaling", "description": "3 → 1 replicas"],
            ]], key: nil)
            #expect(batch.status == 201)
            #expect(batch.json["accepted"] as? Int == 2)

            let badKind = try await api.post("/api/v1/changes", json: ["changes": [
                ["service": "a", "kind": "deploy", "description": "ok"],
                ["service": "b", "kind": "party", "description": "no"],
            ]], key: nil)
            #expect(badKind.status == 422)
            #expect(badKind.errorMessage?.contains("changes[1].kind") == true, "\(badKind.body)")
            #expect(try await api.post("/api/v1/changes", raw: "{not json", key: nil).status == 400)
            let noText = try await api.post("/api/v1/changes", json: ["service": "a", "kind": "deploy", "description": "  "],
                                            key: nil)
            #expect(noText.status == 422)
            #expect(noText.errorMessage?.contains("description") == true)

            let all = try await api.get("/api/v1/changes").items
            #expect(all.count == 3, "the refused bodies stored nothing")
            #expect(all.last?["service"] as? String == "payments", "newest first; the dated deploy is oldest")
            #expect(all.contains { $0["kind"] as? String == "config" && $0["service"] as? String == "postgres" })
            #expect(try await api.get("/api/v1/changes?service=redis").items.map { $0["kind"] as? String } == ["scale"])
        }
    }

    /// The database fails first; its callers alert later and louder. Analysis blames the database, cites only
    /// evidence it collected, and says the text is deterministic.
    @Test func analysisBlamesTheDependencyThatFailedFirstAndIsStored() async throws {
        try await withServer(Self.topology) { api, _ async throws in
            let t0 = Date().addingTimeInterval(-600)
            func alert(_ name: String, _ service: String, _ at: Date, _ summary: String) -> [String: Any] {
                ["labels": ["alertname": name, "service": service, "severity": "critical"],
                 "annotations": ["summary": summary], "startsAt": RFC3339.format(at)]
            }
            let alerts: [[String: Any]] = [
                alert("PostgresTooManyConnections", "postgres", t0, "too many connections: 50 of 50 in use"),
                alert("PaymentsErrors", "payments", t0.addingTimeInterval(60), "5xx rate 30%: could not connect to postgres"),
                alert("CheckoutErrors", "checkout", t0.addingTimeInterval(90), "5xx rate 45%"),
                alert("CheckoutLatencyHigh", "checkout", t0.addingTimeInterval(95), "p99 latency 4.2 s"),
            ]
            #expect(try await api.post("/api/v2/alerts", json: alerts, key: nil).status == 200)
            #expect(try await api.post("/api/v1/changes", json: [
                "service": "postgres", "kind": "config", "description": "max_connections lowered from 200 to 50",
                "time": RFC3339.format(t0.addingTimeInterval(-120))], key: nil).status == 201)

            var checkout: [String: Any]?
            #expect(try await eventually {
                checkout = try await api.get("/api/v1/incidents?service=checkout").items.first
                return checkout != nil
            })
            let id = try #require(checkout?["id"] as? String)
            let before = try await api.get("/api/v1/incidents/\(id)/diagnosis")
            #expect(before.status == 404)
            #expect(before.errorMessage?.contains("analyze") == true)
            #expect(try await api.post("/api/v1/incidents/nope/analyze", json: [:] as [String: Any]).status == 404)

            let analysed = try await api.post("/api/v1/incidents/\(id)/analyze", json: [:] as [String: Any])
            #expect(analysed.status == 200, "\(analysed.body)")
            let hypotheses = analysed.json["hypotheses"] as? [[String: Any]] ?? []
            #expect(hypotheses.first?["component"] as? String == "postgres", "\(hypotheses.prefix(3))")
            #expect(analysed.json["explanation"] as? String == "deterministic")
            #expect(analysed.json["trigger"] as? String == "manual")
            let ids = Set((analysed.json["evidence"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            #expect(!ids.isEmpty)
            for h in hypotheses {
                let cited = h["evidence"] as? [String] ?? []
                #expect(Set(cited).isSubset(of: ids), "cites only collected evidence: \(cited)")
                #expect(!(h["explanation"] as? String ?? "").isEmpty)
            }
            #expect(ids.contains { $0.hasPrefix("C") }, "the config change is evidence")

            let stored = try await api.get("/api/v1/incidents/\(id)/diagnosis")
            #expect(stored.status == 200)
            #expect((stored.json["hypotheses"] as? [[String: Any]])?.first?["component"] as? String == "postgres")

            let insights = try await api.get("/api/v1/ai/insights/current")
            #expect(insights.status == 200)
            let listed = insights.json["incidents"] as? [[String: Any]] ?? []
            #expect(listed.count >= 3)
            let mine = listed.first { $0["id"] as? String == id }
            #expect((mine?["rootCause"] as? [String: Any])?["component"] as? String == "postgres")
            #expect((insights.json["summary"] as? String)?.contains("open incident") == true)
        }
    }

    /// Only the caller alerts; its logs name the dependency. The stored log counts become evidence.
    @Test func logsStoredAsTemplateCountsAreEvidence() async throws {
        try await withServer(Self.topology) { api, _ async throws in
            let now = Date()
            var lines: [String] = []
            for i in 0..<40 {
                let t = RFC3339.format(now.addingTimeInterval(Double(i - 60)))
                lines.append(#"{"time":"\#(t)","service":"payments","level":"error","message":"could not connect to postgres at db-1:5432: connection refused (attempt \#(i))"}"#)
            }
            let ingest = try await api.call(.post, "/api/v1/logs", key: nil, body: Array(lines.joined(separator: "\n").utf8),
                                            headers: [.contentType: "application/x-ndjson"])
            #expect(ingest.status == 200 || ingest.status == 204, "\(ingest.body)")
            let alert: [String: Any] = ["labels": ["alertname": "CheckoutErrors", "service": "checkout"],
                                        "startsAt": RFC3339.format(now.addingTimeInterval(-30))]
            #expect(try await api.post("/api/v2/alerts", json: [alert], key: nil).status == 200)
            var id: String?
            #expect(try await eventually { id = try await api.get("/api/v1/incidents").items.first?["id"] as? String; return id != nil })
            let analysed = try await api.post("/api/v1/incidents/\(id ?? "")/analyze", json: [:] as [String: Any])
            #expect(analysed.status == 200)
            let evidence = analysed.json["evidence"] as? [[String: Any]] ?? []
            let logs = evidence.filter { ($0["id"] as? String)?.hasPrefix("L") == true }
            #expect(!logs.isEmpty, "\(evidence)")
            #expect(logs.contains { $0["component"] as? String == "postgres" })
            let top = (analysed.json["hypotheses"] as? [[String: Any]])?.first
            #expect(top?["component"] as? String == "postgres", "\(top ?? [:])")
        }
    }

    @Test func incidentsAreAnalysedOnTheirOwnOnceTheySettle() async throws {
        try await withServer({ c in
            Self.topology(&c)
            c.diagnosis.auto = true
            c.diagnosis.debounce = ConfigDuration(seconds: 1)
        }) { api, _ async throws in
            let alert: [String: Any] = ["labels": ["alertname": "RedisDown", "service": "redis"],
                                        "startsAt": RFC3339.format(Date().addingTimeInterval(-30))]
            #expect(try await api.post("/api/v2/alerts", json: [alert], key: nil).status == 200)
            var id: String?
            #expect(try await eventually { id = try await api.get("/api/v1/incidents").items.first?["id"] as? String; return id != nil })
            var diagnosis = Reply(status: 0, headers: [:], body: "")
            #expect(try await eventually(timeout: .seconds(15)) {
                diagnosis = try await api.get("/api/v1/incidents/\(id ?? "")/diagnosis")
                return diagnosis.status == 200
            })
            #expect(diagnosis.json["trigger"] as? String == "opened")
            #expect((diagnosis.json["hypotheses"] as? [[String: Any]])?.first?["component"] as? String == "redis")
        }
    }

    @Test func recommendationsAndPredictedIssuesComeFromStoredMetrics() async throws {
        try await withServer({ c in
            Self.topology(&c)
            c.automation.enabled = true
        }) { api, _ async throws in
            let now = Date().timeIntervalSince1970
            let samples: [[String: Any]] = (0..<5).map { i in
                ["name": "host_filesystem_used_ratio", "labels": ["host": "db-1", "mountpoint": "/var"],
                 "value": 0.96 + Double(i) * 0.001, "time": now - 240 + Double(i) * 60]
            }
            #expect(try await api.post("/api/v1/metrics", json: ["samples": samples], key: nil).status == 200)
            let advice = try await api.get("/api/v1/ai/recommendations/optimization")
            #expect(advice.status == 200)
            let disk = advice.items.first { $0["kind"] as? String == "capacity" }
            #expect(disk?["priority"] as? String == "high", "\(advice.body)")
            #expect(disk?["target"] as? String == "db-1:/var")
            let issues = try await api.get("/api/v1/ai/predictions/issues")
            #expect(issues.status == 200)
            #expect(issues.json["items"] is [Any])
        }
    }
}
