import Foundation
import HTTPTypes
import Testing
import VigilCore
@testable import VigilServer

@Suite struct OpsRouteTests {
    @Test func healthReadyAndMetrics() async throws {
        try await withServer { api, _ async throws in
            #expect(try await api.get("/health", key: nil).json["status"] as? String == "ok")
            #expect(try await api.get("/ready", key: nil).status == 200)
            _ = try await api.post("/api/v2/alerts", json: [postable("A"), postable("B")], key: nil)
            _ = try await api.post("/api/v2/alerts", raw: "nope", key: nil)
            let metrics = try await api.get("/metrics", key: nil)
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("vigil_alerts_ingested_total 2"))
            #expect(metrics.body.contains("vigil_ingest_batch_alerts_count_bucket"))
            #expect(metrics.body.contains("vigil_store_commit_duration_seconds_bucket"))
            #expect(metrics.body.contains(#"vigil_http_requests_total{route="/api/v2/alerts",method="POST",code="400"} 1"#))
            #expect(metrics.body.contains("vigil_ingest_rejected_requests_total 1"))
        }
    }

    @Test func everyRouteIsInTheOpenAPIDocument() async throws {
        try await withServer { api, handles async throws in
            let r = try await api.get("/api/v1/openapi.json", key: nil)
            #expect(r.status == 200)
            #expect(r.json["openapi"] as? String == "3.1.0")
            let paths = try #require(r.json["paths"] as? [String: [String: Any]])
            let routes = handles.routes
            #expect(routes.count >= 20)
            for (m, p) in routes {
                let path = "/" + p.split(separator: "/").map { seg in
                    seg.hasPrefix(":") ? "{\(seg.dropFirst())}" : String(seg)
                }.joined(separator: "/")
                #expect(paths[path]?[m.lowercased()] != nil, "route \(m) \(path) is missing from openapi.json")
            }
            // And nothing documented that does not exist.
            let registered = Set(routes.map { "\($0.0) \($0.1)" })
            #expect(OpenAPIDocument.operations.count == registered.count)
        }
    }

    @Test func unknownRoutesAnswerJSON404() async throws {
        try await withServer { api, _ async throws in
            let r = try await api.get("/api/v1/nothing-here")
            #expect(r.status == 404)
            #expect(r.errorMessage != nil)
        }
    }
}
