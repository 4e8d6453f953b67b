import Foundation
import VigilCore
import Testing

extension EndToEnd {
    /// `vigil serve --config FILE` with ingest tokens, a small body limit and a custom grouping.
    @Suite(
        "serve --config",
        .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"),
        .timeLimit(.minutes(3)))
    struct ServeWithConfig {
        static let token = "e2e-ingest-token-\(shortID())\(shortID())"

        static var config: String {
            """
            ingest:
              tokens: ["\(token)"]
              max_body_bytes: 4096
            correlation:
              group_by: [alertname]
              group_wait: 0s
              resolve_timeout: 5m

            """
        }

        static func alert(_ name: String, service: String) -> JSON {
            [[
                "labels": ["alertname": .string(name), "service": .string(service), "severity": "warning"],
                "annotations": ["summary": "config e2e"],
                "startsAt": .string(RFC3339.format(Date())),
            ]]
        }

        @Test("ingest tokens, max_body_bytes and correlation.group_by from the config file are honoured")
        func configHonoured() async throws {
            let ws = try Workspace("serve-config")
            defer { ws.close() }
            let check = try await runCommand(
                E2EEnvironment.vigilBinary, ["check-config", ws.write(Self.config, to: "check.yml").path], in: ws.root)
            try #require(check.status == 0, "check-config rejects the test's own config:\n\(check.output)")

            let vigil = try await VigilServer.start(in: ws, config: Self.config)
            let open = vigil.ingest
            let withToken = vigil.ingest.with(bearer: Self.token)

            // Tokens configured: ingest is closed without one.
            let name = "CfgGroup\(shortID())"
            let anonymous = try await open.post("/api/v2/alerts", json: Self.alert(name, service: "a"))
            #expect(anonymous.status == 401, "POST /api/v2/alerts without the ingest token: \(anonymous)")
            let wrong = try await open.with(bearer: "wrong-token-0123456789abcdef").post(
                "/api/v2/alerts", json: Self.alert(name, service: "a"))
            #expect(wrong.status == 401 || wrong.status == 403, "POST /api/v2/alerts with a wrong token: \(wrong)")
            let hook = try await open.post("/api/v1/alerts/alertmanager", json: [
                "version": "4", "status": "firing", "receiver": "x", "alerts": [],
            ])
            #expect(hook.status == 401, "webhook without the ingest token: \(hook)")

            // With the token: accepted; grouped by alertname only → both services in one incident.
            for service in ["a", "b"] {
                let r = try await withToken.post("/api/v2/alerts", json: Self.alert(name, service: service))
                #expect(r.status == 200, "POST with the ingest token (service \(service)): \(r)")
            }
            let incident = try await eventually("an open incident for \(name)", timeout: .seconds(20),
                                                diagnostics: { ws.diagnostics() }) { () async throws -> JSON? in
                let found = try await vigil.incidents("status=open").filter { $0.groupLabels["alertname"] == name }
                return found.first { $0["alertCount"]?.int == 2 } ?? nil
            }
            #expect(incident.groupLabels["service"] == nil, "group_by [alertname] but groupLabels: \(incident.groupLabels)")
            let forName = try await vigil.incidents().filter { $0.groupLabels["alertname"] == name }
            #expect(forName.count == 1, "expected one incident for both services, got \(forName.count): \(forName)")

            // max_body_bytes: 4096.
            let pad = String(repeating: "p", count: 5000)
            let big = try await withToken.post("/api/v2/alerts", json: [[
                "labels": ["alertname": .string(name), "service": "c"], "annotations": ["pad": .string(pad)],
            ]])
            #expect(big.status == 413, "5 000-byte body with max_body_bytes 4096: \(big)")
            let small = try await withToken.post("/api/v2/alerts", json: Self.alert(name, service: "d"))
            #expect(small.status == 200, "small body after the 413: \(small)")
        }
    }
}
