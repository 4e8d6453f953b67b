import Foundation
import Testing

extension EndToEnd {
    /// The README's first command family: `vigil demo` breaks a demo service and runs the closed loop through the
    /// real API: detection, diagnosis, plan, policy approval, execution (a real process), verification.
    @Suite("vigil demo", .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"), .timeLimit(.minutes(5)))
    struct Demo {
        @Test("demo --once tells its story and exits 0")
        func demoOnce() async throws {
            let ws = try Workspace("demo")
            defer { ws.close() }
            let port = try FreePort.next()
            let r = try await runCommand(E2EEnvironment.vigilBinary,
                                         ["demo", "--once", "--port", String(port), "--data-dir", ws.root.appendingPathComponent("d").path,
                                          "--report", ws.root.appendingPathComponent("timings.json").path],
                                         in: ws.root)
            #expect(r.status == 0, "demo exited \(r.status):\n\(r.output)")
            // The whole loop, in order: fault, detection, diagnosis, plan with dry run, policy approval, execution,
            // verification, resolution.
            let stages = ["① fault", "② detected", "③ diagnosed", "demo-shop/disk_full", "④ planned", "dry run:",
                          "→ approved", "policy:demo-auto-heal", "→ executing", "→ verifying", "→ succeeded", "⑦ verified",
                          "is resolved"]
            var rest = Substring(r.output)
            for stage in stages {
                guard let range = rest.range(of: stage) else {
                    Issue.record("missing or out of order: \(stage)\n\(r.output)")
                    break
                }
                rest = rest[range.upperBound...]
            }
            let report = try JSON.parse(Array(try Data(contentsOf: ws.root.appendingPathComponent("timings.json"))))
            #expect(report["outcome"]?.string == "succeeded")
            #expect((report["totalSeconds"]?.double ?? 999) < 120, "\(report)")
        }
    }
}
