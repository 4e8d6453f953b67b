import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    @Suite(
        "vigil CLI",
        .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"),
        .timeLimit(.minutes(3)))
    struct CLI {
        static let goodConfig = """
            # Vigil configuration used by the end-to-end tests
            server:
              host: 127.0.0.1
              port: 8080
            storage:
              data_dir: ./data
            ingest:
              tokens: []
              max_body_bytes: 1048576
            correlation:
              group_by: [alertname, service]
              group_wait: 0s
              group_interval: 5m
              resolve_timeout: 5m
              reopen_window: 10m

            """

        @Test("check-config accepts a good file")
        func checkConfigGood() async throws {
            let ws = try Workspace("cli-good")
            defer { ws.close() }
            let file = try ws.write(Self.goodConfig, to: "good.yml")
            let r = try await runCommand(E2EEnvironment.vigilBinary, ["check-config", file.path], in: ws.root)
            #expect(r.status == 0, "check-config good.yml exited \(r.status):\n\(r.output)")
        }

        @Test("check-config rejects an unknown key, naming the key and its line", arguments: [
            // (line of the unknown key, file text)
            (4, "server:\n  host: 127.0.0.1\n  port: 8080\n  colour: blue\nstorage:\n  data_dir: ./data\n"),
            (7, "server:\n  host: 127.0.0.1\nstorage:\n  data_dir: ./data\ncorrelation:\n  group_by: [alertname]\n  gruop_wait: 0s\n"),
            (3, "ingest:\n  max_body_bytes: 1048576\nbogus_section:\n  enabled: true\n"),
        ])
        func checkConfigUnknownKey(line: Int, text: String) async throws {
            let ws = try Workspace("cli-bad")
            defer { ws.close() }
            let file = try ws.write(text, to: "bad.yml")
            let key = text.split(separator: "\n")[line - 1]
                .trimmingCharacters(in: .whitespaces).split(separator: ":")[0]
            let r = try await runCommand(E2EEnvironment.vigilBinary, ["check-config", file.path], in: ws.root)
            #expect(r.status != 0, "check-config with unknown key '\(key)' exited 0:\n\(r.output)")
            #expect(r.output.contains(String(key)), "output does not name the key '\(key)':\n\(r.output)")
            // FILE:LINE:COL: ... unknown key 'NAME'
            #expect(r.output.contains("bad.yml:\(line):"), "output does not give bad.yml:\(line): —\n\(r.output)")
            #expect(r.output.contains("unknown key"), "output does not say 'unknown key':\n\(r.output)")
        }

        @Test("serve exits 0 on SIGTERM and on SIGINT", arguments: [SIGTERM, SIGINT])
        func gracefulShutdown(signal: Int32) async throws {
            let ws = try Workspace("cli-signal")
            defer { ws.close() }
            let vigil = try await VigilServer.start(in: ws)
            let p = try #require(vigil.process)
            let status = p.stop(signal: signal, grace: 15)
            #expect(status == 0, "vigil serve after signal \(signal): \(status.map(String.init) ?? "did not exit within 15 s / killed by a signal")\n\(ws.diagnostics())")
        }
    }
}
