import Foundation
import Testing
import VigilCore
import VigilStore
import VigilConfig
import HTTPTypes

@Suite struct APIRouteTests {
    @Test func authenticationAndRoles() async throws {
        try await withServer { api, _ async throws in
            #expect(try await api.get("/api/v1/incidents", key: nil).status == 401)
            #expect(try await api.get("/api/v1/incidents", key: "vgl_not-a-real-key").status == 401)
            #expect(try await api.get("/api/v1/incidents").status == 200)
            // Admin creates a viewer key through the API; the viewer can read but not act.
            let created = try await api.post("/api/v1/keys", json: ["name": "dash", "role": "viewer"])
            #expect(created.status == 201)
            let viewer = try #require(created.json["secret"] as? String)
            #expect(try await api.get("/api/v1/incidents", key: viewer).status == 200)
            #expect(try await api.post("/api/v1/silences", json: ["matchers": ["a=b"], "duration": "1h"], key: viewer).status == 403)
            #expect(try await api.get("/api/v1/audit", key: viewer).status == 403)
            // The key list never shows secrets.
            let keys = try await api.get("/api/v1/keys")
            #expect(!keys.body.contains(viewer))
            // Revoked keys stop working.
            let id = try #require(created.json["id"] as? String)
            #expect(try await api.call(.delete, "/api/v1/keys/\(id)").status == 200)
            #expect(try await api.get("/api/v1/incidents", key: viewer).status == 401)
        }
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        try await withServer({ $0.security.rateLimitBurst = 3; $0.security.rateLimitPerSecond = 0.01 }) { api, _ async throws in
            for _ in 0..<3 { #expect(try await api.get("/api/v1/incidents").status == 200) }
            let limited = try await api.get("/api/v1/incidents")
            #expect(limited.status == 429)
            let retry = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect(retry >= 1)
            #expect(limited.errorMessage?.contains("rate limit") == true)
        }
    }

    @Test func acknowledgeAndResolveAreIdempotentAndAudited() async throws {
        try await withServer { api, handles async throws in
            _ = try await api.post("/api/v2/alerts", json: [postable("CPUHigh", ["service": "api"])], key: nil)
            let id = try #require(try await api.get("/api/v1/incidents").items.first?["id"] as? String)
            let ack1 = try await api.post("/api/v1/incidents/\(id)/acknowledge", raw: "")
            #expect(ack1.status == 200)
            #expect(ack1.json["status"] as? String == "acknowledged")
            #expect(ack1.json["acknowledgedBy"] as? String == "bootstrap-admin")
            let ack2 = try await api.post("/api/v1/incidents/\(id)/acknowledge", raw: "")
            #expect(ack2.status == 200)
            #expect(ack2.json["acknowledgedAt"] as? String == ack1.json["acknowledgedAt"] as? String)
            let res1 = try await api.post("/api/v1/incidents/\(id)/resolve", raw: "")
            #expect(res1.json["status"] as? String == "resolved")
            #expect(try await api.post("/api/v1/incidents/\(id)/resolve", raw: "").status == 200)
            #expect(try await api.post("/api/v1/incidents/\(id)/acknowledge", raw: "").status == 409)
            #expect(try await api.post("/api/v1/incidents/inc_missing/acknowledge", raw: "").status == 404)
            let audit = try await api.get("/api/v1/audit")
            let actions = audit.items.compactMap { $0["action"] as? String }
            #expect(actions == ["incident.acknowledge", "incident.resolve"])
            let entries = try await handles.store.auditEntries(afterSeq: 0, limit: 100)
            #expect(try AuditChain.verify(entries) == 2)
            let timeline = try await api.get("/api/v1/incidents/\(id)").json["timeline"] as? [[String: Any]] ?? []
            #expect(timeline.contains { $0["kind"] as? String == "acknowledged" && $0["actor"] as? String == "bootstrap-admin" })
        }
    }

    @Test func silencesMuteNewAlertsAndExpire() async throws {
        try await withServer { api, _ async throws in
            let created = try await api.post("/api/v1/silences", json: [
                "matchers": [#"service=~"back.*""#, ["name": "env", "value": "prod", "isRegex": false, "isEqual": true]],
                "duration": "2h", "comment": "maintenance"])
            #expect(created.status == 201)
            let sid = try #require(created.json["id"] as? String)
            _ = try await api.post("/api/v2/alerts", json: [postable("BackupSlow", ["service": "backup", "env": "prod"]),
                                                            postable("BackupSlow", ["service": "backup", "env": "dev"])], key: nil)
            let suppressed = try await api.get("/api/v1/alerts?status=suppressed")
            #expect(suppressed.items.count == 1)
            #expect((suppressed.items.first?["silencedBy"] as? [String]) == [sid])
            #expect(try await api.get("/api/v1/incidents").items.count == 1) // only env=dev opened one
            #expect(try await api.get("/api/v1/silences").items.count == 1)
            let expired = try await api.call(.delete, "/api/v1/silences/\(sid)")
            #expect(expired.json["status"] as? String == "expired")
            #expect(try await api.get("/api/v1/silences").items.isEmpty)
            // Once the silence is gone the still-firing alert joins its group's incident on the next tick.
            #expect(try await eventually { try await api.get("/api/v1/alerts?status=suppressed").items.isEmpty })
            let incidents = try await api.get("/api/v1/incidents").items
            #expect(incidents.count == 1)
            #expect(incidents.first?["alertCount"] as? Int == 2)
        }
    }

    @Test func silenceValidation() async throws {
        try await withServer { api, _ async throws in
            let cases: [([String: Any], Int)] = [
                (["matchers": [] as [String], "duration": "1h"], 422),
                (["matchers": ["a=~\".*\""], "duration": "1h"], 422),
                (["matchers": ["a=b"]], 422),
                (["matchers": ["a=b"], "duration": "soon"], 422),
                (["matchers": ["a=~\"(\""], "duration": "1h"], 422),
                (["matchers": "a=b", "duration": "1h"], 422),
            ]
            for (body, status) in cases {
                let r = try await api.post("/api/v1/silences", json: body)
                #expect(r.status == status, "\(body) → \(r.status) \(r.body)")
                #expect(r.errorMessage != nil)
            }
            #expect(try await api.post("/api/v1/silences", raw: "{not json").status == 400)
        }
    }

    @Test func alertPaginationWithCursor() async throws {
        try await withServer { api, _ async throws in
            let alerts = (0..<120).map { postable("Load", ["instance": "host-\($0)"]) }
            #expect(try await api.post("/api/v2/alerts", json: alerts, key: nil).status == 200)
            var seen: Set<String> = []
            var uri = "/api/v1/alerts?limit=50"
            var pages = 0
            while true {
                let page = try await api.get(uri)
                #expect(page.status == 200)
                for a in page.items { seen.insert(a["fingerprint"] as? String ?? "") }
                pages += 1
                guard let next = page.json["nextCursor"] as? String else { break }
                uri = "/api/v1/alerts?limit=50&cursor=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? next)"
            }
            #expect(seen.count == 120)
            #expect(pages == 3)
            #expect(try await api.get("/api/v1/alerts?cursor=garbage!").status == 400)
            #expect(try await api.get("/api/v1/alerts?limit=0").status == 400)
            #expect(try await api.get("/api/v1/incidents?status=bogus").status == 400)
        }
    }
}
