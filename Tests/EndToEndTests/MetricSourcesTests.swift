import Foundation
import Testing

extension EndToEnd {
    /// Vigil scrapes a real node-exporter (and collects its own host); a real Prometheus scrapes
    /// the same exporter and `vigil metrics query` asks it with PromQL.
    @Suite("Real node-exporter + Prometheus → Vigil metrics", .serialized, .timeLimit(.minutes(5)))
    struct MetricSources {
        static func series(_ vigil: VigilServer, _ query: String) async throws -> [JSON] {
            try await vigil.admin.getJSON("/api/v1/metrics/series?" + query)["items"]?.array ?? []
        }

        @Test("Vigil stores node-exporter gauges and counter rates; PromQL answers from Prometheus agree")
        func scrapeAndQuery() async throws {
            let ws = try Workspace("metrics")
            defer { ws.close() }
            let node = try await NodeExporterPeer.start(in: ws)
            let vigil = try await VigilServer.start(in: ws, config: """
                metrics:
                  host:
                    interval: 1s
                  scrape:
                    - name: node
                      url: http://\(node.address)/metrics
                      interval: 1s
                      timeout: 1s
                automation:
                  interval: 1s
                """)
            let diagnostics: @Sendable () -> String = { [ws] in ws.diagnostics() }

            // 1. Gauges arrive as they are, labelled with job and instance; the target is up.
            let up = try await eventually("up{job=node} == 1 in Vigil", timeout: .seconds(30), diagnostics: diagnostics) {
                () async throws -> JSON? in
                try await Self.series(vigil, "name=up&job=node").first { $0["lastValue"]?.double == 1 }
            }
            #expect(up["labels"]?["instance"]?.string == node.address)
            let memTotal = try await eventually("node_memory_MemTotal_bytes in Vigil", diagnostics: diagnostics) {
                () async throws -> JSON? in try await Self.series(vigil, "name=node_memory_MemTotal_bytes&job=node").first
            }
            let vigilMemTotal = try #require(memTotal["lastValue"]?.double)
            #expect(vigilMemTotal > 0)

            // 2. Counters become per-second rates once two scrapes are in.
            let cpuRates = try await eventually("node_cpu_seconds_total:rate in Vigil", diagnostics: diagnostics) {
                () async throws -> [JSON]? in
                let s = try await Self.series(vigil, "name=node_cpu_seconds_total:rate&mode=idle")
                return s.isEmpty ? nil : s
            }
            for s in cpuRates {
                let rate = try #require(s["lastValue"]?.double)
                #expect(rate >= 0 && rate <= 1.5, "an idle-seconds rate per CPU is within [0, ~1]: \(s)")
            }

            // 3. The stored history answers a range query.
            let key = try #require(cpuRates.first?["series"]?.string)
            let points = try await eventually("≥2 stored points for \(key)", diagnostics: diagnostics) { () async throws -> [JSON]? in
                let r = try await vigil.admin.getJSON("/api/v1/metrics/query_range?series=\(percentEncode(key))&resolution=raw")
                let p = r["points"]?.array ?? []
                return p.count >= 2 ? p : nil
            }
            #expect(points.allSatisfy { $0["count"]?.int == 1 })

            // 4. The built-in host collector runs too (on by default).
            let host = try await eventually("host_memory_total_bytes in Vigil", diagnostics: diagnostics) {
                () async throws -> JSON? in try await Self.series(vigil, "name=host_memory_total_bytes").first
            }
            #expect(host["lastValue"]?.double == vigilMemTotal, "Vigil's /proc/meminfo and node-exporter agree on MemTotal")

            // 5. PromQL against a real Prometheus scraping the same exporter.
            let prom = try await ScrapingPrometheusPeer.start(in: ws, nodeTargets: [node.address])
            let instant = try await eventually("PromQL node_memory_MemTotal_bytes answered", diagnostics: diagnostics) {
                () async throws -> JSON? in
                let r = try await runCommand(E2EEnvironment.vigilBinary,
                                             ["metrics", "query", "--prometheus", prom.baseURL, "node_memory_MemTotal_bytes{job=\"node\"}"],
                                             in: ws.root)
                guard r.status == 0, let json = try? JSON.parse(Array(r.stdout.utf8)),
                      json["series"]?.array?.isEmpty == false else { return nil }
                return json
            }
            #expect(instant["resultType"]?.string == "vector")
            #expect(instant["series"]?[0]?["points"]?[0]?[1]?.double == vigilMemTotal)

            let range = try await eventually("PromQL range query answered", timeout: .seconds(30), diagnostics: diagnostics) {
                () async throws -> JSON? in
                let r = try await runCommand(E2EEnvironment.vigilBinary,
                                             ["metrics", "query", "--prometheus", prom.baseURL, "--range", "10s", "--step", "1s",
                                              "rate(node_cpu_seconds_total{mode=\"idle\"}[3s])"], in: ws.root)
                guard r.status == 0, let json = try? JSON.parse(Array(r.stdout.utf8)),
                      (json["series"]?[0]?["points"]?.array?.count ?? 0) >= 2 else { return nil }
                return json
            }
            #expect(range["resultType"]?.string == "matrix")

            let bad = try await runCommand(E2EEnvironment.vigilBinary,
                                           ["metrics", "query", "--prometheus", prom.baseURL, "rate(up["], in: ws.root)
            #expect(bad.status != 0)
            #expect(bad.output.contains("bad_data"), "\(bad.output)")

            // 6. An automation rule over the scraped node-exporter series fires and records an acting decision.
            let rule: JSON = ["name": "node memory seen", "condition": "node_memory_MemTotal_bytes{job=\"node\"} > 1000",
                              "action": "notify", "confidence_threshold": 0.5]
            let created = try await vigil.admin.post("/api/v1/automation/rules", json: rule)
            #expect(created.status == 201, "\(created.text)")
            let decision = try await eventually("an acting decision of the rule", timeout: .seconds(30), diagnostics: diagnostics) {
                () async throws -> JSON? in
                let items = try await vigil.admin.getJSON("/api/v1/ai/analytics/decisions?rule=node-memory-seen")["items"]?.array ?? []
                return items.first { $0["acted"] == .bool(true) }
            }
            #expect(decision["action"]?.string == "notify")
            #expect((decision["inputs"]?["node_memory_MemTotal_bytes{job=\"node\"}"]?.double ?? 0) > 1000)

            // 7. SIGTERM stops the collector, scraper and rule loops cleanly.
            #expect(vigil.stop() == 0, "vigil exit status after SIGTERM")
        }
    }
}
