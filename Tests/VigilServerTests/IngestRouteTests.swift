import Foundation
import Testing
import VigilCore
import VigilConfig
import HTTPTypes

@Suite struct IngestRouteTests {
    @Test func apiV2AlertsOpenOneIncidentPerGroup() async throws {
        try await withServer { api, _ async throws in
            let r = try await api.post("/api/v2/alerts", json: [
                postable("HighLatency", ["service": "checkout", "instance": "a", "severity": "warning"]),
                postable("HighLatency", ["service": "checkout", "instance": "b", "severity": "critical"]),
                postable("DiskFull", ["service": "db"]),
            ], key: nil)
            #expect(r.status == 200)
            #expect(r.json["accepted"] as? Int == 3)
            let incidents = try await api.get("/api/v1/incidents?status=open")
            #expect(incidents.items.count == 2)
            let checkout = try #require(incidents.items.first { ($0["title"] as? String)?.contains("checkout") == true })
            #expect(checkout["severity"] as? String == "critical")
            #expect(checkout["alertCount"] as? Int == 2)
            let id = try #require(checkout["id"] as? String)
            let detail = try await api.get("/api/v1/incidents/\(id)")
            #expect((detail.json["alerts"] as? [Any])?.count == 2)
            #expect((detail.json["timeline"] as? [[String: Any]])?.first?["kind"] as? String == "opened")
            // Sending the same alerts again changes nothing.
            _ = try await api.post("/api/v2/alerts", json: [postable("DiskFull", ["service": "db"])], key: nil)
            #expect(try await api.get("/api/v1/alerts").items.count == 3)
            #expect(try await api.get("/api/v1/incidents").items.count == 2)
        }
    }

    @Test func webhookFiringThenResolvedResolvesTheIncident() async throws {
        try await withServer { api, _ async throws in
            func body(_ status: String, endsAt: String) -> [String: Any] {
                ["version": "4", "status": status, "receiver": "vigil", "groupKey": "{}:{alertname=\"Down\"}",
                 "alerts": [["status": status, "labels": ["alertname": "Down", "job": "node"],
                             "annotations": [:], "startsAt": "2026-01-01T00:00:00Z", "endsAt": endsAt,
                             "fingerprint": "ignored"]]]
            }
            #expect(try await api.post("/api/v1/alerts/alertmanager", json: body("firing", endsAt: "0001-01-01T00:00:00Z"), key: nil).status == 200)
            let open = try await api.get("/api/v1/incidents?status=open")
            #expect(open.items.count == 1)
            let alert = try #require(try await api.get("/api/v1/alerts").items.first)
            #expect(alert["endsAt"] is NSNull || alert["endsAt"] == nil)
            #expect(alert["fingerprint"] as? String == Fingerprint(labels: ["alertname": "Down", "job": "node"]).description)
            #expect(try await api.post("/api/v1/alerts/alertmanager", json: body("resolved", endsAt: "2026-01-01T00:05:00Z"), key: nil).status == 200)
            #expect(try await api.get("/api/v1/incidents?status=resolved").items.count == 1)
            #expect(try await api.get("/api/v1/alerts?status=resolved").items.count == 1)
        }
    }

    @Test func genericEventsBecomeAlerts() async throws {
        try await withServer { api, _ async throws in
            let r = try await api.post("/api/v1/events", json: ["title": "Deploy failed", "severity": "error",
                                                                "source": "ci", "labels": ["service": "api"]], key: nil)
            #expect(r.status == 200)
            let a = try #require(try await api.get("/api/v1/alerts").items.first)
            #expect((a["labels"] as? [String: String])?["alertname"] == "Deploy failed")
            #expect((a["labels"] as? [String: String])?["source"] == "ci")
            #expect(try await api.get("/api/v1/incidents").items.first?["severity"] as? String == "error")
        }
    }

    @Test func badInputIsRefusedAndNothingIsStored() async throws {
        try await withServer({ $0.ingest.maxBodyBytes = .init(bytes: 4096) }) { api, _ async throws in
            let cases: [(String, String, Int, String)] = [
                ("/api/v2/alerts", #"[{"labels":{"alertname":"A"}"#, 400, "malformed"),
                ("/api/v2/alerts", #"[{"labels":{"alertname":5}}]"#, 422, "[0].labels.alertname"),
                ("/api/v2/alerts", #"{"labels":{"alertname":"A"}}"#, 422, "array"),
                ("/api/v2/alerts", #"[{"annotations":{}}]"#, 422, "[0].labels"),
                ("/api/v2/alerts", #"[{"labels":{}}]"#, 422, "at least one label"),
                ("/api/v2/alerts", #"[{"labels":{"a":"b"},"startsAt":"yesterday"}]"#, 422, "startsAt"),
                ("/api/v1/alerts/alertmanager", #"{"version":"4","alerts":[{"status":"maybe","labels":{"a":"b"}}]}"#, 422, "alerts[0].status"),
                ("/api/v1/events", #"{"severity":"error"}"#, 422, "title"),
                ("/api/v2/alerts", "", 400, "empty"),
            ]
            for (path, body, status, fragment) in cases {
                let r = try await api.post(path, raw: body, key: nil)
                #expect(r.status == status, "\(path) \(body)")
                let message = try #require(r.errorMessage, "no JSON error for \(body): \(r.body)")
                #expect(message.contains(fragment), "message '\(message)' should mention '\(fragment)'")
            }
            let invalidUTF8 = try await api.call(.post, "/api/v2/alerts", key: nil, body: Array(#"[{"labels":{"a":""#.utf8) + [0xFF, 0xFE] + Array(#""}}]"#.utf8))
            #expect(invalidUTF8.status == 400)
            let huge = try await api.post("/api/v2/alerts", raw: "[" + String(repeating: " ", count: 10_000) + "]", key: nil)
            #expect(huge.status == 413)
            let manyLabels = Dictionary(uniqueKeysWithValues: (0..<10_000).map { ("l\($0)", "v") })
            let tooMany = try await api.post("/api/v2/alerts", json: [["labels": manyLabels]], key: nil)
            #expect(tooMany.status == 413 || tooMany.status == 422)
            // A batch with one bad alert stores none of it.
            let mixed = try await api.post("/api/v2/alerts", json: [postable("Good"), ["labels": ["bad-name": "x"]]], key: nil)
            #expect(mixed.status == 422)
            #expect(try await api.get("/api/v1/alerts").items.isEmpty)
            #expect(try await api.get("/health").status == 200)
        }
    }

    @Test func ingestTokensAreEnforcedWhenConfigured() async throws {
        let token = "ingest-token-abcdefgh"
        try await withServer({ $0.ingest.tokens = [token] }) { api, _ async throws in
            #expect(try await api.post("/api/v2/alerts", json: [postable("A")], key: nil).status == 401)
            #expect(try await api.post("/api/v2/alerts", json: [postable("A")], key: "wrong-token-xxxxxxxx").status == 401)
            #expect(try await api.post("/api/v2/alerts", json: [postable("A")], key: token).status == 200)
            #expect(try await api.post("/api/v2/alerts", json: [postable("B")], key: adminKey).status == 200)
        }
    }
}
