import Foundation
import HTTPTypes
import Testing
import VigilConfig
import VigilCore

@Suite struct LogRouteTests {
    func template(_ items: [[String: Any]], containing text: String) -> [String: Any]? {
        items.first { ($0["template"] as? String)?.contains(text) == true }
    }

    @Test func lokiJSONPushIsMinedIntoTemplates() async throws {
        try await withServer { api, _ async throws in
            var values: [[String]] = []
            for i in 0..<40 { values.append(["\(1_700_000_000 + i)000000000", "Connection from 10.0.0.\(i) closed after \(i * 3) ms"]) }
            values.append(["1700000100000000000", "2024-05-01 12:00:00,123 ERROR [main] db.Pool: pool exhausted, 50 waiting"])
            let r = try await api.post("/loki/api/v1/push", json: ["streams": [["stream": ["service": "api", "host": "web-1"],
                                                                                "values": values]]], key: nil)
            #expect(r.status == 204)
            let templates = try await api.get("/api/v1/log-templates?service=api").items
            let conn = try #require(template(templates, containing: "Connection from"))
            #expect(conn["count"] as? Int == 40)
            #expect((conn["template"] as? String)?.contains("<*>") == true)
            #expect((conn["examples"] as? [String])?.isEmpty == false)
            // The header (time, level, thread, logger) is split off before mining; the level is kept.
            let pool = try #require(template(templates, containing: "pool exhausted"))
            #expect((pool["template"] as? String)?.contains("ERROR") == false)
            #expect(pool["level"] as? String == "error")
            #expect(try await api.get("/api/v1/log-templates?service=other").items.isEmpty)
            let metrics = try await api.get("/metrics", key: nil).body
            #expect(metrics.contains("vigil_log_lines_ingested_total 41"))
        }
    }

    @Test func ndjsonAndTextLinesAreAccepted() async throws {
        try await withServer { api, _ async throws in
            let nd = "{\"service\":\"batch\",\"message\":\"job 17 finished in 3.2s\"}\n{\"service\":\"batch\",\"message\":\"job 18 finished in 1.1s\"}\n"
            let r = try await api.call(.post, "/api/v1/logs", key: nil, body: Array(nd.utf8))
            #expect(r.status == 200)
            #expect(r.json["accepted"] as? Int == 2)
            let t = try await api.call(.post, "/api/v1/logs?service=cron&host=h1", key: nil, body: Array("backup started\nbackup started\n".utf8),
                                       headers: [.contentType: "text/plain"])
            #expect(t.json["accepted"] as? Int == 2)
            let items = try await api.get("/api/v1/log-templates").items
            #expect(template(items, containing: "finished in")?["count"] as? Int == 2)
            #expect(template(items, containing: "backup started")?["services"] as? [String] == ["cron"])
            let bad = try await api.call(.post, "/api/v1/logs", key: nil, body: Array("{\"message\":1}\n".utf8))
            #expect(bad.status == 422)
            #expect(bad.errorMessage?.hasPrefix("line 1:") == true)
        }
    }

    @Test func badLokiBodiesAreRefused() async throws {
        try await withServer { api, _ async throws in
            let garbage = try await api.call(.post, "/loki/api/v1/push", key: nil, body: [1, 2, 3, 4],
                                             headers: [.contentType: "application/x-protobuf"])
            #expect(garbage.status == 400)
            let gz = try await api.call(.post, "/loki/api/v1/push", key: nil, body: [0x1F, 0x8B],
                                        headers: [.contentType: "application/json", .contentEncoding: "gzip"])
            #expect(gz.status == 415)
            #expect(try await api.get("/api/v1/log-templates").items.isEmpty)
        }
    }
}
