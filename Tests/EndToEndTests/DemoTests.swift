import Foundation
import Testing

extension EndToEnd {
    /// The README's first command family: `vigil demo` runs the story through the real API.
    @Suite("vigil demo", .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"), .timeLimit(.minutes(2)))
    struct Demo {
        @Test("demo --once tells its story and exits 0")
        func demoOnce() async throws {
            let ws = try Workspace("demo")
            defer { ws.close() }
            let port = try FreePort.next()
            let r = try await runCommand(E2EEnvironment.vigilBinary,
                                         ["demo", "--once", "--port", String(port), "--data-dir", ws.root.appendingPathComponent("d").path],
                                         in: ws.root)
            #expect(r.status == 0, "demo exited \(r.status):\n\(r.output)")
            #expect(r.output.contains("[open] critical HighLatency on checkout  (2 alert(s)"))
            #expect(r.output.contains("[resolved] warning PostgresConnectionsSaturated on postgres"))
            #expect(!r.output.contains("NightlyBackupSlow on backup"), "the silenced alert must not open an incident")
        }
    }
}
