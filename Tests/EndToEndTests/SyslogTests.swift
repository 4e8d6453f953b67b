import Foundation
import Testing

extension EndToEnd {
    /// Real syslog traffic from util-linux `logger` into Vigil's listeners.
    @Suite(
        "Syslog from logger(1)",
        .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1" && E2EEnvironment.which("logger") != nil),
        .timeLimit(.minutes(3)))
    struct Syslog {
        @Test("RFC 5424 over TCP (octet counting and LF) and RFC 3164 over UDP are mined into templates")
        func loggerLinesBecomeTemplates() async throws {
            let ws = try Workspace("syslog")
            defer { ws.close() }
            let (tcp, udp) = (try FreePort.next(), try FreePort.next())
            let vigil = try VigilServer(workspace: ws, config: """
                ingest:
                  syslog:
                    tcp: 127.0.0.1:\(tcp)
                    udp: 127.0.0.1:\(udp)
                """)
            try await vigil.start()
            defer { _ = vigil.process?.stop() }
            let logger = try #require(E2EEnvironment.which("logger"))
            // Wait until the TCP listener accepts (the HTTP side may be up a moment earlier).
            _ = try await eventually("syslog TCP listener on \(tcp)", timeout: .seconds(20), interval: .milliseconds(200)) {
                () async throws -> Bool? in
                let r = try await runCommand(logger, ["--tcp", "--rfc5424", "--octet-count", "-n", "127.0.0.1", "-P", String(tcp),
                                                      "-t", "probe", "probe line"], in: ws.root)
                return r.status == 0 ? true : nil
            }
            for i in 0..<6 {
                let r = try await runCommand(logger, ["--tcp", "--rfc5424", i % 2 == 0 ? "--octet-count" : "--rfc5424",
                                                      "-n", "127.0.0.1", "-P", String(tcp), "-t", "billing", "-p", "user.err",
                                                      "invoice \(1000 + i) failed after \(i + 2) retries"], in: ws.root)
                #expect(r.status == 0, "logger exited \(r.status): \(r.output)")
            }
            for i in 0..<3 {
                _ = try await runCommand(logger, ["--udp", "--rfc3164", "-n", "127.0.0.1", "-P", String(udp), "-t", "cron",
                                                  "job \(i) started"], in: ws.root)
            }
            let billing = try await eventually("billing template with 6 lines", timeout: .seconds(20)) { () async throws -> JSON? in
                let items = try await vigil.admin.getJSON("/api/v1/log-templates?service=billing")["items"]?.array ?? []
                return items.first { ($0["template"]?.string ?? "").contains("invoice") && $0["count"]?.int == 6 }
            }
            #expect(billing["level"]?.string == "error")
            #expect(billing["template"]?.string?.contains("<*>") == true)
            // UDP is best effort, but on loopback all three arrive.
            let cron = try await eventually("cron template over UDP", timeout: .seconds(20)) { () async throws -> JSON? in
                let items = try await vigil.admin.getJSON("/api/v1/log-templates?service=cron")["items"]?.array ?? []
                return items.first { ($0["template"]?.string ?? "").contains("started") && $0["count"]?.int == 3 }
            }
            #expect(cron["services"]?.array?.compactMap(\.string) == ["cron"])
        }
    }
}
