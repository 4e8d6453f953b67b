import AsyncHTTPClient
import Foundation
import VigilCore
import NIOCore
import Testing

extension EndToEnd {
    @Suite(
        "Durability across kill -9",
        .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"),
        .timeLimit(.minutes(5)))
    struct Durability {
        /// Alerts whose request got a 2xx, by their unique `e2e_key` label.
        actor Acknowledged {
            private(set) var keys: Set<String> = []
            private(set) var requests = 0
            private(set) var failures = 0
            private(set) var statuses: [Int: Int] = [:]
            func add(_ batch: [String]) { keys.formUnion(batch); requests += 1 }
            func failed(status: Int?) {
                failures += 1
                if let status { statuses[status, default: 0] += 1 }
            }
            var count: Int { keys.count }
        }

        final class StopFlag: @unchecked Sendable {
            private let lock = NSLock()
            private var stopped = false
            var isSet: Bool { lock.withLock { stopped } }
            func set() { lock.withLock { stopped = true } }
        }

        static let clients = 8
        static let batchSize = 4
        static let alertNames = ["DurableDisk", "DurableCPU", "DurableNet"]
        static let services = ["api", "db"]

        static func batch(client: Int, request: Int, tag: String) -> (JSON, [String]) {
            var alerts: [JSON] = []
            var keys: [String] = []
            let now = Date()
            for j in 0..<batchSize {
                let key = "\(tag)-c\(client)-r\(request)-a\(j)"
                keys.append(key)
                let n = client * 1000 + request * batchSize + j
                alerts.append([
                    "labels": JSON([
                        "alertname": alertNames[n % alertNames.count],
                        "service": services[(n / alertNames.count) % services.count],
                        "instance": "host-\(client)-\(j).e2e:9100",
                        "severity": j == 0 ? "critical" : "warning",
                        "e2e_key": key,
                    ]),
                    "annotations": ["summary": .string("durability alert \(key)")],
                    "startsAt": .string(RFC3339.format(now.addingTimeInterval(-30))),
                    "endsAt": .string(RFC3339.format(now.addingTimeInterval(3600))),
                    "generatorURL": "http://127.0.0.1/e2e/durability",
                ])
            }
            return (.array(alerts), keys)
        }

        @Test("every acknowledged alert survives kill -9 and no group has two live incidents")
        func killNineMidStream() async throws {
            let ws = try Workspace("durability")
            defer { ws.close() }
            let vigil = try await VigilServer.start(in: ws)

            var config = HTTPClient.Configuration()
            config.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.clients * 2
            config.timeout.connect = .seconds(2)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
            do {
                try await run(ws: ws, vigil: vigil, client: client)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }

        private func run(ws: Workspace, vigil: VigilServer, client: HTTPClient) async throws {
            let ingest = HTTP(baseURL: vigil.baseURL, bearer: nil, client: client, timeout: .seconds(10))
            let acked = Acknowledged()

            // Two rounds: write from 8 clients, kill -9 mid-stream, restart on the same data dir.
            for round in 0..<2 {
                let stop = StopFlag()
                let started = ContinuousClock.now
                let target = await acked.count + 600
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for c in 0..<Self.clients {
                        group.addTask {
                            // Bounded: at most 2 000 requests or 60 s per client.
                            for r in 0..<2_000 {
                                if stop.isSet || ContinuousClock.now - started > .seconds(60) { return }
                                let (body, keys) = Self.batch(client: c, request: r, tag: "round\(round)")
                                do {
                                    let res = try await ingest.post("/api/v2/alerts", json: body)
                                    if res.isSuccess { await acked.add(keys) } else { await acked.failed(status: res.status) }
                                } catch {
                                    await acked.failed(status: nil)
                                    if stop.isSet { return }
                                    try? await Task.sleep(for: .milliseconds(20))
                                }
                            }
                        }
                    }
                    // Let the writers run, then kill -9 while requests are in flight.
                    _ = try? await eventually("≥\(target) acknowledged alerts", timeout: .seconds(30), interval: .milliseconds(10)) {
                        () async -> Bool? in await acked.count >= target ? true : nil
                    }
                    vigil.kill9()
                    stop.set()
                    try await group.waitForAll()
                }
                #expect(vigil.process?.terminatedBySignal == true, "round \(round): vigil was not killed by SIGKILL")
                // Restart on the same data dir and port.
                try await vigil.start()
            }

            let acknowledged = await acked.keys
            let failures = await acked.failures
            let statuses = await acked.statuses
            #expect(acknowledged.count > 0, "no request was acknowledged before the kill\n\(ws.diagnostics())")
            #expect(statuses.keys.allSatisfy { $0 < 500 }, "server errors before the kill: \(statuses)")

            // New alerts for the same groups after the restart must join the existing incidents.
            var postRestart: Set<String> = []
            for r in 0..<3 {
                let (body, keys) = Self.batch(client: 99, request: r, tag: "post")
                let res = try await ingest.post("/api/v2/alerts", json: body)
                #expect(res.isSuccess, "POST after restart: \(res)")
                if res.isSuccess { postRestart.formUnion(keys) }
            }

            // Every acknowledged alert is stored.
            let stored = try await vigil.alerts()
            let storedKeys = Set(stored.compactMap { $0.labels["e2e_key"] })
            let missing = acknowledged.subtracting(storedKeys)
            #expect(missing.isEmpty,
                    "\(missing.count) of \(acknowledged.count) acknowledged alerts lost after kill -9 (e.g. \(missing.sorted().prefix(10)))\n\(ws.diagnostics())")
            #expect(postRestart.isSubset(of: storedKeys), "alerts posted after the restart are missing")
            let duplicates = Dictionary(grouping: stored.compactMap { $0.labels["e2e_key"] }, by: { $0 }).filter { $0.value.count > 1 }
            #expect(duplicates.isEmpty, "alerts stored twice: \(duplicates.keys.sorted().prefix(10))")

            // No group key has two non-resolved incidents.
            let live = try await vigil.incidents("status=open") + vigil.incidents("status=acknowledged")
            let byGroup = Dictionary(grouping: live, by: { $0["groupKey"]?.description ?? "nil" })
            let doubled = byGroup.filter { $0.value.count > 1 }
            #expect(doubled.isEmpty,
                    "group keys with more than one non-resolved incident: \(doubled.mapValues { $0.compactMap { $0["id"]?.idString } })")
            #expect(!live.isEmpty, "no open incident for the durability alerts")
            // 3 alertnames × 2 services: at most 6 groups.
            #expect(byGroup.count <= Self.alertNames.count * Self.services.count, "groups: \(byGroup.keys.sorted())")

            print("durability: \(acknowledged.count) alerts acknowledged across two kill -9 rounds (\(failures) failed/in-flight requests), \(storedKeys.count) stored after restart, \(live.count) live incidents")
        }
    }
}
