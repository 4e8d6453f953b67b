import Foundation
import Testing
import VigilCore

extension EndToEnd {
    /// A real (tiny) model served by llama.cpp (`scripts/llm-server.sh`, exported as `VIGIL_LLM_URL` by
    /// `scripts/test.sh`), behind a first provider that is down: the chain falls back, the down provider's breaker
    /// counts the failure, and the diagnosis says which model wrote the text — or why the deterministic text stands.
    @Suite("Real language model", .enabled(if: ProcessInfo.processInfo.environment["VIGIL_LLM_URL"] != nil),
           .timeLimit(.minutes(6)))
    struct LanguageModel {
        @Test("analysis falls back from a dead provider to llama.cpp and never loses the diagnosis")
        func fallbackToRealModel() async throws {
            let url = try #require(ProcessInfo.processInfo.environment["VIGIL_LLM_URL"])
            let dead = try FreePort.next()
            let ws = try Workspace("llm")
            defer { ws.close() }
            let server = try await VigilServer.start(in: ws, config: """
                metrics: {host: {enabled: false}}
                diagnosis: {auto: false}
                topology:
                  services:
                    - {name: checkout, hosts: [web-1], depends_on: [postgres]}
                    - {name: postgres, kind: db, hosts: [db-1]}
                llm:
                  providers:
                    - {name: cloud, kind: openai, base_url: 'http://127.0.0.1:\(dead)/v1', model: gpt-x, api_key: sk-live-abcdefghijklmnopqrstuvwx, timeout: 5s}
                    - {name: local, kind: openai, base_url: '\(url)', model: smollm2, timeout: 240s, max_tokens: 200}
                  retry: {max_attempts: 1}
                  token_budget: 600
                """)
            defer { server.stop() }
            let t0 = Date().addingTimeInterval(-300)
            let alerts: JSON = .array([
                ["labels": ["alertname": "PostgresTooManyConnections", "service": "postgres", "severity": "critical"],
                 "annotations": ["summary": "too many connections (password=hunter2)"], "startsAt": .string(RFC3339.format(t0))],
                ["labels": ["alertname": "CheckoutErrors", "service": "checkout", "severity": "critical"],
                 "startsAt": .string(RFC3339.format(t0.addingTimeInterval(60)))],
            ])
            #expect(try await server.ingest.post("/api/v2/alerts", json: alerts).status == 200)
            let incident = try await eventually("an incident for postgres", timeout: .seconds(20)) { () async throws -> String? in
                try await server.incidents("service=postgres").first?["id"]?.idString
            }
            var slow = server.admin
            slow.timeout = .seconds(300)
            let analysed = try await slow.post("/api/v1/incidents/\(incident)/analyze", json: [:])
            #expect(analysed.status == 200, "\(analysed)")
            let d = try analysed.json()
            #expect(d["hypotheses"]?.array?.first?["component"]?.string == "postgres", "the ranking is deterministic either way")
            let author = d["author"]?.string ?? ""
            let note = d["explanationNote"]?.string ?? ""
            // The local model answered: either its text was accepted, or it was refused as invalid — never "no provider".
            #expect(author == "local/smollm2" || (author == "deterministic" && !note.isEmpty && !note.contains("no provider")),
                    "author \(author), note \(note)")
            let breakers = try await server.admin.getJSON("/api/v1/circuit-breakers")["items"]?.array ?? []
            let cloud = breakers.first { $0["name"]?.string?.hasPrefix("cloud") == true }
            let local = breakers.first { $0["name"]?.string?.hasPrefix("local") == true }
            #expect((cloud?["failures"]?.int ?? 0) >= 1, "\(breakers)")
            #expect(local?["state"]?.string == "closed" && local?["failures"]?.int == 0, "\(breakers)")
            let log = server.process?.logTail(lines: 400) ?? ""
            #expect(!log.contains("hunter2") && !log.contains("sk-live-abcdefghijklmnopqrstuvwx"), "secrets never reach the log")
        }
    }
}
