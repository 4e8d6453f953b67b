import Foundation
import Testing

extension EndToEnd {
    /// A real rsyslogd relays syslog to Vigil's TCP listener and writes a file that Vigil tails.
    @Suite(
        "rsyslog forwarding and file tailing",
        .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"
                 && E2EEnvironment.which("logger") != nil && E2EEnvironment.rsyslogBinary != nil),
        .timeLimit(.minutes(3)))
    struct Rsyslog {
        @Test("rsyslog omfwd (octet-counted RFC 5424) and an rsyslog-written file give templates and a log anomaly")
        func rsyslogRelayAndFileBecomeTemplatesAndAnAnomaly() async throws {
            let ws = try Workspace("rsyslog")
            defer { ws.close() }
            let (vigilTCP, rsyslogUDP) = (try FreePort.next(), try FreePort.next())
            let logFile = ws.path("relayed.log").path
            let vigil = try VigilServer(workspace: ws, config: """
                ingest:
                  syslog:
                    tcp: 127.0.0.1:\(vigilTCP)
                  files:
                    - path: \(logFile)
                      service: relayed-file
                      start_at: beginning
                detect:
                  logs:
                    learning_period: 0s
                """)
            try await vigil.start()
            defer { _ = vigil.process?.stop() }
            let logger = try #require(E2EEnvironment.which("logger"))
            _ = try await eventually("syslog TCP listener on \(vigilTCP)", timeout: .seconds(20), interval: .milliseconds(200)) {
                () async throws -> Bool? in
                let r = try await runCommand(logger, ["--tcp", "--rfc5424", "--octet-count", "-n", "127.0.0.1",
                                                      "-P", String(vigilTCP), "-t", "probe", "probe line"], in: ws.root)
                return r.status == 0 ? true : nil
            }

            let work = try ws.directory("rsyslog-work")
            let conf = try ws.write("""
                global(workDirectory="\(work.path)")
                module(load="imudp")
                input(type="imudp" address="127.0.0.1" port="\(rsyslogUDP)" ruleset="relay")
                ruleset(name="relay") {
                  action(type="omfwd" target="127.0.0.1" port="\(vigilTCP)" protocol="tcp"
                         TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
                  action(type="omfile" file="\(logFile)" template="RSYSLOG_FileFormat")
                }
                """, to: "rsyslog.conf")
            let rsyslog = try ws.launch("rsyslogd", try #require(E2EEnvironment.rsyslogBinary),
                                        ["-n", "-f", conf.path, "-i", ws.path("rsyslogd.pid").path])
            defer { _ = rsyslog.stop() }

            // UDP gives no answer: send a probe until it comes out of rsyslog into Vigil.
            let send = { (args: [String]) async throws in
                _ = try await runCommand(logger, ["--udp", "--rfc3164", "-n", "127.0.0.1", "-P", String(rsyslogUDP)] + args,
                                         in: ws.root)
            }
            _ = try await eventually("rsyslog relays a probe to Vigil", timeout: .seconds(30), interval: .milliseconds(300),
                                     diagnostics: { ws.diagnostics() }) { () async throws -> Bool? in
                try await send(["-t", "relayprobe", "relay probe"])
                let items = try await vigil.admin.getJSON("/api/v1/log-templates?service=relayprobe")["items"]?.array ?? []
                return items.isEmpty ? nil : true
            }
            for i in 0..<6 {
                try await send(["-t", "billing", "-p", "user.err", "invoice \(1000 + i) failed after \(i + 2) retries"])
                try await send(["-t", "billing", "-p", "user.info", "user \(40 + i) logged in"])
            }

            // Through omfwd: service from the app name, level from the priority.
            let relayed = try await eventually("6 relayed invoice lines", timeout: .seconds(30)) { () async throws -> JSON? in
                let items = try await vigil.admin.getJSON("/api/v1/log-templates?service=billing")["items"]?.array ?? []
                return items.first { ($0["template"]?.string ?? "").contains("invoice") && $0["windowCount"]?.int == 6 }
            }
            #expect(relayed["level"]?.string == "error")
            // Through the file rsyslog wrote, tailed by Vigil.
            let tailed = try await eventually("6 tailed invoice lines", timeout: .seconds(30)) { () async throws -> JSON? in
                let items = try await vigil.admin.getJSON("/api/v1/log-templates?service=relayed-file")["items"]?.array ?? []
                return items.first { ($0["template"]?.string ?? "").contains("invoice") && $0["windowCount"]?.int == 6 }
            }
            #expect(tailed["template"]?.string?.contains("<*>") == true)

            // The never-seen error template is a log anomaly, and it opened an incident.
            let anomaly = try await eventually("a new-template anomaly for billing", timeout: .seconds(30)) {
                () async throws -> JSON? in
                let items = try await vigil.admin.getJSON("/api/v1/anomalies?service=billing&kind=new_template")["items"]?.array ?? []
                return items.first { ($0["evidence"]?["template"]?.string ?? "").contains("invoice") }
            }
            #expect(anomaly["severity"]?.string == "error")
            #expect(anomaly["source"]?.string == "logs")
            let login = try await vigil.admin.getJSON("/api/v1/anomalies?service=billing")["items"]?.array ?? []
            #expect(!login.contains { ($0["evidence"]?["template"]?.string ?? "").contains("logged in") },
                    "an info template without failure words is not an anomaly")
            _ = try await eventually("an incident from the anomaly", timeout: .seconds(30)) { () async throws -> Bool? in
                let alerts = try await vigil.admin.getJSON("/api/v1/alerts?alertname=LogNewTemplate&service=billing")["items"]?.array ?? []
                return alerts.contains { $0["incidentId"]?.string != nil } ? true : nil
            }
        }
    }
}
