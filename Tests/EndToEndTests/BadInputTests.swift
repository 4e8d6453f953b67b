import AsyncHTTPClient
import Foundation
import VigilCore
import NIOCore
import NIOHTTP1
import Testing

extension EndToEnd {
    @Suite(
        "Bad input against the real binary",
        .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"),
        .serialized, .timeLimit(.minutes(5)))
    struct BadInput {
        struct Case: Sendable {
            let name: String
            let path: String
            let body: [UInt8]
            var chunked = false
            /// nil → any 4xx (or a 2xx that the test then verifies was stored)
            let expected: Int?
        }

        static func alertsBody(labels: String) -> [UInt8] {
            Array(#"[{"labels":\#(labels),"annotations":{"summary":"x"},"startsAt":"2026-01-01T00:00:00Z"}]"#.utf8)
        }

        static var cases: [Case] {
            let oneMiB = 1 << 20
            let bigAnnotation = String(repeating: "x", count: oneMiB + 64 * 1024)
            var manyLabels = ["\"alertname\":\"ManyLabels\""]
            for i in 0..<10_000 { manyLabels.append("\"l\(i)\":\"v\(i)\"") }
            var invalidUTF8 = Array(#"[{"labels":{"alertname":"Bad"#.utf8)
            invalidUTF8 += [0xC3, 0x28, 0xFF, 0xFE]
            invalidUTF8 += Array(#""}}]"#.utf8)
            return [
                Case(name: "truncated JSON", path: "/api/v2/alerts",
                     body: Array(#"[{"labels":{"alertname":"Trunc","#.utf8), expected: 400),
                Case(name: "empty body", path: "/api/v2/alerts", body: [], expected: 400),
                Case(name: "not JSON at all", path: "/api/v2/alerts", body: Array("hello, world".utf8), expected: 400),
                Case(name: "labels is a string", path: "/api/v2/alerts",
                     body: alertsBody(labels: #""alertname=Wrong""#), expected: 422),
                Case(name: "label value is a number", path: "/api/v2/alerts",
                     body: alertsBody(labels: #"{"alertname":42}"#), expected: 422),
                Case(name: "object instead of array", path: "/api/v2/alerts",
                     body: Array(#"{"labels":{"alertname":"NotArray"}}"#.utf8), expected: 422),
                Case(name: "startsAt not a date", path: "/api/v2/alerts",
                     body: Array(#"[{"labels":{"alertname":"BadDate"},"startsAt":"yesterday"}]"#.utf8), expected: 422),
                Case(name: "missing labels", path: "/api/v2/alerts",
                     body: Array(#"[{"annotations":{"summary":"no labels"}}]"#.utf8), expected: 422),
                Case(name: "webhook: alerts is a string", path: "/api/v1/alerts/alertmanager",
                     body: Array(#"{"version":"4","status":"firing","receiver":"x","alerts":"nope"}"#.utf8), expected: 422),
                Case(name: "webhook: truncated", path: "/api/v1/alerts/alertmanager",
                     body: Array(#"{"version":"4","alerts":[{"#.utf8), expected: 400),
                Case(name: "event: title is a number", path: "/api/v1/events",
                     body: Array(#"{"title":5,"severity":"critical","source":"e2e","labels":{}}"#.utf8), expected: 422),
                Case(name: "event: labels is a list", path: "/api/v1/events",
                     body: Array(#"{"title":"t","severity":"critical","source":"e2e","labels":["a"]}"#.utf8), expected: 422),
                Case(name: "body over 1 MiB (Content-Length)", path: "/api/v2/alerts",
                     body: alertsBody(labels: #"{"alertname":"Huge","blob":"\#(bigAnnotation)"}"#), expected: 413),
                Case(name: "body over 1 MiB (chunked, no Content-Length)", path: "/api/v2/alerts",
                     body: alertsBody(labels: #"{"alertname":"HugeChunked","blob":"\#(bigAnnotation)"}"#),
                     chunked: true, expected: 413),
                Case(name: "invalid UTF-8", path: "/api/v2/alerts", body: invalidUTF8, expected: 400),
                Case(name: "invalid UTF-8 (webhook)", path: "/api/v1/alerts/alertmanager",
                     body: Array(#"{"version":"4","status":"firing","receiver":"x","groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"","alerts":[{"status":"firing","labels":{"alertname":""#.utf8)
                        + [0xED, 0xA0, 0x80] + Array(#""},"annotations":{},"startsAt":"2026-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]}"#.utf8),
                     expected: 400),
                Case(name: "null alert", path: "/api/v2/alerts", body: Array("[null]".utf8), expected: 422),
                Case(name: "label value null", path: "/api/v2/alerts",
                     body: alertsBody(labels: #"{"alertname":null}"#), expected: 422),
                Case(name: "lone surrogate escape", path: "/api/v2/alerts",
                     body: alertsBody(labels: #"{"alertname":"\ud800"}"#), expected: nil),
                Case(name: "20 000 alerts in one batch", path: "/api/v2/alerts",
                     body: Array(("[" + (0..<20_000).map { #"{"labels":{"alertname":"Many","i":"\#($0)"}}"# }
                        .joined(separator: ",") + "]").utf8), expected: nil),
                Case(name: "200 000 nested arrays", path: "/api/v2/alerts",
                     body: Array(repeating: UInt8(ascii: "["), count: 200_000), expected: nil),
                Case(name: "10 000 labels", path: "/api/v2/alerts",
                     body: alertsBody(labels: "{" + manyLabels.joined(separator: ",") + "}"), expected: nil),
                Case(name: "metrics: truncated", path: "/api/v1/metrics",
                     body: Array(#"{"samples":[{"name":"a","value":1}"#.utf8), expected: 400),
                Case(name: "metrics: value is a string", path: "/api/v1/metrics",
                     body: Array(#"{"samples":[{"name":"a","value":"high"}]}"#.utf8), expected: 422),
                Case(name: "metrics: invalid metric name", path: "/api/v1/metrics",
                     body: Array(#"{"samples":[{"name":"a b","value":1}]}"#.utf8), expected: 422),
                Case(name: "metrics: 10 000 labels", path: "/api/v1/metrics",
                     body: Array(#"{"samples":[{"name":"a","value":1,"labels":"#.utf8)
                        + Array(("{" + manyLabels.joined(separator: ",") + "}}]}").utf8), expected: 422),
                Case(name: "metrics: 200 000 nested arrays", path: "/api/v1/metrics",
                     body: Array(repeating: UInt8(ascii: "["), count: 200_000), expected: nil),
            ]
        }

        static func send(_ c: Case, to vigil: VigilServer) async throws -> HTTPResult {
            if !c.chunked {
                return try await vigil.ingest.post(c.path, raw: c.body)
            }
            var req = HTTPClientRequest(url: vigil.baseURL + c.path)
            req.method = .POST
            req.headers.add(name: "Content-Type", value: "application/json")
            let chunks = stride(from: 0, to: c.body.count, by: 64 * 1024).map {
                ByteBuffer(bytes: c.body[$0..<min($0 + 64 * 1024, c.body.count)])
            }
            let stream = AsyncStream<ByteBuffer> { continuation in
                for chunk in chunks { continuation.yield(chunk) }
                continuation.finish()
            }
            req.body = .stream(stream, length: .unknown)
            let res = try await HTTPClient.shared.execute(req, timeout: .seconds(15))
            let buf = try await res.body.collect(upTo: 1 << 20)
            return HTTPResult(status: Int(res.status.code), headers: [], body: Array(buf.readableBytesView))
        }

        @Test("malformed, mistyped, oversized and hostile bodies get 4xx and never crash the server")
        func hostileBodies() async throws {
            let ws = try Workspace("bad-input")
            defer { ws.close() }
            let vigil = try await VigilServer.start(in: ws)

            // A good alert first; it must still be there at the end.
            let canary: JSON = [[
                "labels": ["alertname": "BadInputCanary", "service": "e2e", "severity": "info"],
                "annotations": ["summary": "posted before the bad input"],
                "startsAt": .string(RFC3339.format(Date())),
            ]]
            let accepted = try await vigil.ingest.post("/api/v2/alerts", json: canary)
            try #require(accepted.status == 200, "canary alert: \(accepted)")
            #expect(try accepted.json()["accepted"]?.int == 1, "body: \(accepted.text)")

            var summary: [String] = []
            defer { print("bad input → " + summary.joined(separator: "; ")) }
            for c in Self.cases {
                let result: HTTPResult
                do {
                    result = try await Self.send(c, to: vigil)
                } catch {
                    Issue.record("\(c.name): request failed without an HTTP response: \(error)\n\(ws.diagnostics(lines: 15))")
                    try #require(vigil.process?.isRunning == true, "server died on \(c.name)")
                    continue
                }
                summary.append("\(c.name): \(result.status)")
                try #require(vigil.process?.isRunning == true, "server process died after \(c.name)\n\(ws.diagnostics())")

                if let expected = c.expected {
                    #expect(result.status == expected, "\(c.name): expected \(expected), got \(result)")
                } else {
                    #expect(result.status < 500, "\(c.name): expected a 4xx or an accepted 2xx, got \(result)")
                }
                if (400..<500).contains(result.status) {
                    // Errors are JSON {"error":{"message":"..."}}.
                    let message = (try? result.json())?["error"]?["message"]?.string
                    #expect(message?.isEmpty == false, "\(c.name): error body is not {\"error\":{\"message\"}}: \(result)")
                }
                if c.name == "10 000 labels", result.isSuccess {
                    let stored = try await vigil.alerts("alertname=ManyLabels")
                    #expect(stored.count == 1, "10 000-label alert accepted (\(result.status)) but not stored: \(stored.count)")
                    #expect((stored.first?["labels"]?.object?.count ?? 0) == 10_001,
                            "stored label count: \(stored.first?["labels"]?.object?.count ?? 0)")
                }
                // And it keeps answering between cases.
                let health = try await vigil.ingest.get("/health")
                try #require(health.status == 200, "/health after \(c.name): \(health)")
            }

            let health = try await vigil.ingest.get("/health")
            #expect(health.status == 200)
            #expect(try health.json()["status"]?.string == "ok", "\(health)")
            let ready = try await vigil.ingest.get("/ready")
            #expect(ready.status == 200, "/ready: \(ready)")
            let stillThere = try await vigil.alerts("alertname=BadInputCanary")
            #expect(stillThere.count == 1, "canary alert after the bad input: \(stillThere)")
            #expect(stillThere.first?["status"]?.string == "firing")
            #expect(vigil.process?.isRunning == true)
        }

        @Test("non-ingest routes need the API key: 401 without or with a wrong one")
        func authRequired() async throws {
            let ws = try Workspace("auth")
            defer { ws.close() }
            let vigil = try await VigilServer.start(in: ws)
            for path in ["/api/v1/alerts", "/api/v1/incidents"] {
                let none = try await vigil.ingest.get(path)
                #expect(none.status == 401, "GET \(path) without a key: \(none)")
                let wrong = try await vigil.ingest.with(bearer: "not-the-key").get(path)
                #expect(wrong.status == 401, "GET \(path) with a wrong key: \(wrong)")
                let right = try await vigil.admin.get(path)
                #expect(right.status == 200, "GET \(path) with the admin key: \(right)")
            }
            let silence = try await vigil.ingest.post("/api/v1/silences", json: [
                "matchers": ["alertname=X"], "endsAt": .string(RFC3339.format(Date().addingTimeInterval(60))),
                "createdBy": "e2e", "comment": "no key",
            ])
            #expect(silence.status == 401, "POST /api/v1/silences without a key: \(silence)")
        }
    }
}
