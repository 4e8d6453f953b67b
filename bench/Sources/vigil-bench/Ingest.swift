import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "POST Alertmanager API v2 alert batches and measure accepted alerts/s and latency.",
        discussion: """
            Sends JSON arrays of postable alerts (labels incl. alertname/service/instance/severity,
            annotations, startsAt, endsAt, generatorURL) to --url from --concurrency workers.
            Labels come from a seeded generator, so two targets get identical payloads.
            Loops are bounded by --duration and --max-requests; only loopback URLs are allowed.
            """
    )

    @Option(help: "Target URL, e.g. http://127.0.0.1:8080/api/v2/alerts (loopback only).")
    var url: String

    @Option(name: .customLong("header"), help: "Extra request header 'Name: value' (repeatable).")
    var headers: [String] = []

    @Option(help: "Concurrent requests in flight.")
    var concurrency: Int = 8

    @Option(help: "Alerts per request.")
    var batch: Int = 10

    @Option(help: "Seconds to run (an upper bound in --alerts-total mode).")
    var duration: Double = 10

    @Option(help: "Target rate in alerts/s; 0 = as fast as possible.")
    var rate: Double = 0

    @Option(help: "Send exactly N distinct alerts once each, then stop (overrides --distinct).")
    var alertsTotal: Int?

    @Option(help: "Distinct alert identities cycled through in duration mode.")
    var distinct: Int = 10_000

    @Option(help: "First alert identity (e.g. to add a further N distinct alerts to a filled store).")
    var offset: Int = 0

    @Option(help: "Seed of the label generator.")
    var seed: UInt64 = 42

    @Option(help: "Seconds at the start whose requests are sent but not measured.")
    var warmup: Double = 0

    @Option(help: "Hard cap on the number of requests.")
    var maxRequests: Int = 2_000_000

    @Option(help: "Per-request timeout in seconds.")
    var timeout: Double = 30

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard let components = URLComponents(string: url), let host = components.host,
              components.scheme == "http" || components.scheme == "https"
        else { throw ValidationError("--url must be an http(s) URL") }
        let loopback = host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
        guard loopback else { throw ValidationError("--url must target a loopback address (127.0.0.0/8, localhost, ::1)") }
        guard concurrency >= 1, concurrency <= 1024 else { throw ValidationError("--concurrency must be 1…1024") }
        guard batch >= 1, batch <= 10_000 else { throw ValidationError("--batch must be 1…10000") }
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration must be in (0, 3600]") }
        guard rate >= 0 else { throw ValidationError("--rate must be ≥ 0") }
        guard distinct >= 1 else { throw ValidationError("--distinct must be ≥ 1") }
        guard offset >= 0 else { throw ValidationError("--offset must be ≥ 0") }
        if let alertsTotal { guard alertsTotal >= 1 else { throw ValidationError("--alerts-total must be ≥ 1") } }
        for h in headers where !h.contains(":") { throw ValidationError("--header needs 'Name: value': \(h)") }
    }

    func run() async throws {
        let generator = AlertGenerator(seed: seed)
        let totalAlerts = alertsTotal
        let space = totalAlerts ?? distinct
        // Pre-render every alert once so the client spends its CPU on sending.
        let firstIdentity = offset
        let cache = (0..<space).map { generator.alert(firstIdentity + $0) }
        let requestCap: Int = {
            if let totalAlerts { return min(maxRequests, (totalAlerts + batch - 1) / batch) }
            return maxRequests
        }()

        var headerList: [(String, String)] = [("Content-Type", "application/json")]
        for h in headers {
            let parts = h.split(separator: ":", maxSplits: 1)
            headerList.append((parts[0].trimmingCharacters(in: .whitespaces),
                               parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""))
        }

        let requestHeaders = headerList
        var config = HTTPClient.Configuration()
        config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        config.timeout.connect = .seconds(5)
        config.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)

        let tickets = TicketCounter()
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int(duration * 1000))
        let measureFrom = start + .milliseconds(Int(warmup * 1000))
        let interval: Duration? = rate > 0 ? .nanoseconds(Int64(Double(batch) / rate * 1e9)) : nil
        let batchSize = batch
        let url = self.url
        let requestTimeout = TimeAmount.milliseconds(Int64(timeout * 1000))

        var total = WorkerStats()
        var measuredEnd = start
        do {
            total = try await withThrowingTaskGroup(of: (WorkerStats, ContinuousClock.Instant).self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        var stats = WorkerStats()
                        var lastEnd = start
                        while true {
                            let n = tickets.next()
                            if n >= requestCap { break }
                            var scheduled = clock.now
                            if let interval {
                                scheduled = start + interval * n
                                if scheduled >= deadline { break }
                                if scheduled > clock.now { try await Task.sleep(until: scheduled, clock: clock) }
                            }
                            if clock.now >= deadline { break }
                            let first = n * batchSize
                            let ids = (first..<(first + batchSize)).lazy.map { $0 % space }
                            let count = totalAlerts.map { min(batchSize, $0 - first) } ?? batchSize
                            let body = generator.body(ids.prefix(count), rendered: cache)

                            var req = HTTPClientRequest(url: url)
                            req.method = .POST
                            for (name, value) in requestHeaders { req.headers.add(name: name, value: value) }
                            req.body = .bytes(ByteBuffer(bytes: body))

                            let sent = clock.now
                            // With a target rate, latency counts from the intended send time
                            // (no coordinated omission); otherwise from the actual send.
                            let from = interval == nil ? sent : min(scheduled, sent)
                            var ok = false
                            do {
                                let res = try await client.execute(req, timeout: requestTimeout)
                                let payload = try await res.body.collect(upTo: 1 << 20)
                                ok = (200..<300).contains(Int(res.status.code))
                                if !ok {
                                    stats.statusErrors[Int(res.status.code), default: 0] += 1
                                    if stats.firstErrors.count < 3 {
                                        stats.firstErrors.append("HTTP \(res.status.code): \(String(buffer: payload).prefix(200))")
                                    }
                                }
                            } catch {
                                stats.transportErrors += 1
                                if stats.firstErrors.count < 3 { stats.firstErrors.append("\(error)") }
                            }
                            let end = clock.now
                            if sent >= measureFrom {
                                stats.requests += 1
                                stats.alertsSent += count
                                if ok {
                                    stats.requestsOK += 1
                                    stats.alertsAccepted += count
                                }
                                let micros = (end - from).components
                                let us = micros.seconds * 1_000_000 + micros.attoseconds / 1_000_000_000_000
                                stats.latenciesMicros.append(UInt32(clamping: us))
                                lastEnd = max(lastEnd, end)
                            }
                        }
                        return (stats, lastEnd)
                    }
                }
                var merged = WorkerStats()
                for try await (stats, end) in group {
                    merged.merge(stats)
                    measuredEnd = max(measuredEnd, end)
                }
                return merged
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()

        let measuredStart = max(start, min(measureFrom, measuredEnd))
        let elapsed = max(0.001, Double((measuredEnd - measuredStart).components.attoseconds) / 1e18
            + Double((measuredEnd - measuredStart).components.seconds))
        let report = IngestReport(
            url: url,
            mode: totalAlerts == nil ? "duration" : "alerts-total",
            seed: seed,
            concurrency: concurrency,
            batch: batch,
            distinct: space,
            offset: offset,
            targetRate: rate,
            durationSeconds: (elapsed * 1000).rounded() / 1000,
            requests: total.requests,
            requestsOK: total.requestsOK,
            alertsSent: total.alertsSent,
            alertsAccepted: total.alertsAccepted,
            alertsPerSecond: (Double(total.alertsAccepted) / elapsed * 10).rounded() / 10,
            requestsPerSecond: (Double(total.requests) / elapsed * 10).rounded() / 10,
            latencyMs: LatencySummary(micros: total.latenciesMicros),
            latencyFrom: interval == nil ? "send" : "scheduled send",
            transportErrors: total.transportErrors,
            statusErrors: Dictionary(uniqueKeysWithValues: total.statusErrors.map { (String($0.key), $0.value) }),
            sampleErrors: total.firstErrors
        )
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(Self.text(report))
        }
        if total.requestsOK == 0 { throw ExitCode(2) }
    }

    static func text(_ r: IngestReport) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var lines = [
            "target        \(r.url)",
            "mode          \(r.mode), concurrency \(r.concurrency), batch \(r.batch), rate \(r.targetRate == 0 ? "max" : "\(r.targetRate) alerts/s"), seed \(r.seed)",
            "duration      \(f(r.durationSeconds)) s",
            "requests      \(r.requests) (\(r.requestsOK) ok)  \(f(r.requestsPerSecond)) req/s",
            "alerts        \(r.alertsAccepted) accepted of \(r.alertsSent)  \(f(r.alertsPerSecond)) alerts/s",
            "latency (ms)  p50 \(f(r.latencyMs.p50))  p90 \(f(r.latencyMs.p90))  p99 \(f(r.latencyMs.p99))  p99.9 \(f(r.latencyMs.p999))  max \(f(r.latencyMs.max))  (from \(r.latencyFrom))",
            "errors        transport \(r.transportErrors), status \(r.statusErrors)",
        ]
        if !r.sampleErrors.isEmpty { lines.append("sample errors \(r.sampleErrors.joined(separator: " | "))") }
        return lines.joined(separator: "\n")
    }
}

/// Hands out request numbers 0, 1, 2, … to the workers.
final class TicketCounter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
