import ArgumentParser
import AsyncHTTPClient
import Foundation
import VigilCore
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// `vigil-bench logs`: pushes log lines over Loki's push API or syslog TCP and
/// reports lines/s committed. Loki: a 204 means committed, so the clock stops
/// at the last answer. Syslog has no answer: the clock stops when Vigil's
/// `vigil_log_lines_ingested_total` (counted after commit) reaches the total.
struct LogIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Send log lines over Loki push (JSON) or syslog TCP and measure committed lines/s.")

    enum Transport: String, ExpressibleByArgument { case loki, syslog }

    @Option(help: "loki or syslog.") var transport: Transport = .loki
    @Option(help: "Loki push URL (http://127.0.0.1:PORT/loki/api/v1/push) or syslog host:port (loopback only).")
    var target: String
    @Option(help: "Vigil's /metrics URL, read to know when syslog lines are committed.") var metricsURL: String?
    @Option(help: "File of lines to send, cycled.") var linesFile: String
    @Option(help: "Lines to send in all.") var total: Int = 1_000_000
    @Option(help: "Lines per push request (Loki) or per write (syslog).") var batch: Int = 1000
    @Option(help: "Concurrent requests (Loki) or connections (syslog).") var concurrency: Int = 4
    @Option(help: "Services the lines are spread over (stream labels / app names).") var services: Int = 8
    @Flag(help: "Print the report as JSON.") var json = false

    struct Report: Codable {
        var transport: String
        var lines: Int
        var seconds: Double
        var linesPerSecond: Double
        var batch: Int
        var concurrency: Int
        var errors: Int
    }

    func validate() throws {
        let host = target.replacingOccurrences(of: "http://", with: "").split(separator: ":").first.map(String.init) ?? ""
        guard host == "localhost" || host.hasPrefix("127.") else { throw ValidationError("--target must be loopback") }
        guard total > 0, batch > 0, concurrency > 0, services > 0 else { throw ValidationError("counts must be positive") }
        if transport == .syslog, metricsURL == nil { throw ValidationError("--metrics-url is needed with --transport syslog") }
    }

    func run() async throws {
        let lines = try String(contentsOfFile: linesFile, encoding: .utf8).split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { throw ValidationError("\(linesFile) has no lines") }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await measure(lines, client: client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func measure(_ lines: [String], client: HTTPClient) async throws {
        let before = transport == .syslog ? try await ingested(client) : 0
        let clock = ContinuousClock()
        let start = clock.now
        var errors = 0
        switch transport {
        case .loki: errors = try await pushLoki(lines, client: client)
        case .syslog:
            try await sendSyslog(lines)
            while try await ingested(client) < before + Double(total) {
                try await Task.sleep(for: .milliseconds(20))
                if clock.now - start > .seconds(600) { throw ValidationError("syslog lines not all committed after 600 s") }
            }
        }
        let elapsed = clock.now - start
        let seconds = elapsed.timeInterval
        let report = Report(transport: transport.rawValue, lines: total, seconds: (seconds * 1000).rounded() / 1000,
                            linesPerSecond: (Double(total) / seconds).rounded(), batch: batch, concurrency: concurrency,
                            errors: errors)
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try e.encode(report), as: UTF8.self))
        } else {
            print("\(report.transport): \(report.lines) lines in \(report.seconds) s = \(Int(report.linesPerSecond)) lines/s (errors \(errors))")
        }
        if errors > 0 { throw ExitCode(2) }
    }

    /// Loki JSON bodies, rendered before the clock starts so the client spends its time sending.
    private func pushLoki(_ lines: [String], client: HTTPClient) async throws -> Int {
        let requests = (total + batch - 1) / batch
        let baseNanos = UInt64(Date().timeIntervalSince1970 * 1e9)
        var bodies: [ByteBuffer] = []
        for r in 0..<min(requests, 64) {
            var streams: [[String: Any]] = []
            let perService = (batch + services - 1) / services
            for s in 0..<services {
                let values: [[String]] = (0..<perService).map { i in
                    let n = r * batch + s * perService + i
                    return [String(baseNanos + UInt64(n)), lines[n % lines.count]]
                }
                streams.append(["stream": ["service": "svc-\(s)", "host": "bench"], "values": values])
            }
            bodies.append(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["streams": streams])))
        }
        let sent = TicketCounter()
        let target = self.target
        let rendered = bodies
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var errors = 0
                    while true {
                        let n = sent.next()
                        if n >= requests { return errors }
                        var req = HTTPClientRequest(url: target)
                        req.method = .POST
                        req.headers.add(name: "Content-Type", value: "application/json")
                        req.body = .bytes(rendered[n % rendered.count])
                        let res = try await client.execute(req, timeout: .seconds(60))
                        _ = try await res.body.collect(upTo: 1 << 20)
                        if res.status.code != 204 { errors += 1 }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// Octet-counted RFC 5424 frames over `concurrency` blocking sockets, one thread each.
    private func sendSyslog(_ lines: [String]) async throws {
        let parts = target.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else { throw ValidationError("syslog target must be host:port") }
        let perConnection = (total + concurrency - 1) / concurrency
        let total = self.total, batch = self.batch, services = self.services
        try await withThrowingTaskGroup(of: Void.self) { group in
            for c in 0..<concurrency {
                let first = c * perConnection, last = min(total, first + perConnection)
                group.addTask {
                    try await Task.detached {
                        let fd = try Self.connect(host: String(parts[0]), port: port)
                        defer { close(fd) }
                        var out: [UInt8] = []
                        var n = first
                        while n < last {
                            out.removeAll(keepingCapacity: true)
                            for i in n..<min(last, n + batch) {
                                let msg = "<11>1 2026-01-01T00:00:00.000Z bench svc-\(i % services) - - - \(lines[i % lines.count])"
                                out += Array("\(msg.utf8.count) \(msg)".utf8)
                            }
                            n = min(last, n + batch)
                            var off = 0
                            while off < out.count {
                                let w = out[off...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                                guard w > 0 else { throw ValidationError("syslog send failed: errno \(errno)") }
                                off += w
                            }
                        }
                    }.value
                }
            }
            try await group.waitForAll()
        }
    }

    static func connect(host: String, port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ValidationError("socket failed") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &addr.sin_addr)
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else { throw ValidationError("cannot connect to \(host):\(port): errno \(errno)") }
        return fd
    }

    /// `vigil_log_lines_ingested_total` from Vigil's /metrics.
    private func ingested(_ client: HTTPClient) async throws -> Double {
        guard let metricsURL else { return 0 }
        let res = try await client.execute(HTTPClientRequest(url: metricsURL), timeout: .seconds(10))
        let body = String(buffer: try await res.body.collect(upTo: 16 << 20))
        for line in body.split(separator: "\n") where line.hasPrefix("vigil_log_lines_ingested_total ") {
            return Double(line.split(separator: " ")[1]) ?? 0
        }
        return 0
    }
}
