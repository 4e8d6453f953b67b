import Foundation
import Synchronization
import Testing
@testable import VigilExecutors

@Suite struct ProcessRunnerTests {
    @Test func linesStreamInOrderWithStandardErrorAndTheExitCode() async throws {
        let seen = Mutex<[String]>([])
        let r = try await ProcessRunner().run("/bin/sh", ["-c", "echo one; echo two >&2; echo three; exit 3"]) { line in
            seen.withLock { $0.append(line) }
        }
        #expect(r.exitCode == 3 && !r.succeeded && !r.timedOut)
        #expect(seen.withLock { $0 } == ["one", "two", "three"])
        #expect(r.tail == ["one", "two", "three"])
    }

    @Test func argumentsAreNotInterpretedByAShell() async throws {
        let r = try await ProcessRunner().run("/bin/echo", ["$HOME", "; rm -rf /tmp/x", "`id`"])
        #expect(r.succeeded)
        #expect(r.tail == ["$HOME ; rm -rf /tmp/x `id`"])
    }

    @Test func everyLineIsRedactedBeforeAnyoneSeesIt() async throws {
        let runner = ProcessRunner(redact: { $0.replacingOccurrences(of: "hunter2", with: "[REDACTED]") })
        let seen = Mutex<[String]>([])
        let r = try await runner.run("/bin/sh", ["-c", "echo password=hunter2"], environment: ["X": "1"]) { l in
            seen.withLock { $0.append(l) }
        }
        #expect(r.tail == ["password=[REDACTED]"])
        #expect(seen.withLock { $0 } == ["password=[REDACTED]"])
    }

    @Test func aProcessPastItsTimeIsStoppedAndReportsWhatItPrinted() async throws {
        let started = ContinuousClock.now
        let r = try await ProcessRunner(grace: .milliseconds(500))
            .run("/bin/sh", ["-c", "echo started; exec sleep 600"], timeout: .milliseconds(700))
        #expect(r.timedOut && !r.succeeded)
        #expect(r.tail == ["started"])
        // Killed, not waited for: far less than the 600 s the command would take (generous for a loaded machine).
        #expect(ContinuousClock.now - started < .seconds(300))
    }

    @Test func environmentAndWorkingDirectoryReachTheProcess() async throws {
        let dir = FileManager.default.temporaryDirectory.path
        let r = try await ProcessRunner().run("/bin/sh", ["-c", "echo $VIGIL_X; pwd"], environment: ["VIGIL_X": "42"],
                                              workingDirectory: dir)
        #expect(r.tail.first == "42")
        #expect(r.tail.last.map { URL(fileURLWithPath: $0).standardized.path } == URL(fileURLWithPath: dir).standardized.path)
    }

    @Test func aMissingProgramIsAClearError() async throws {
        await #expect(throws: ProcessRunner.NotExecutable.self) {
            _ = try await ProcessRunner().run("/nonexistent/ansible-playbook", [])
        }
    }
}

@Suite struct LineDiffTests {
    @Test func changedLinesAreMarkedAndCommonOnesKept() {
        #expect(LineDiff.lines(from: "a\nb\nc", to: "a\nB\nc\nd") == [" a", "-b", "+B", " c", "+d"])
        #expect(LineDiff.lines(from: "", to: "x") == ["-", "+x"])
        #expect(LineDiff.lines(from: "same", to: "same") == [" same"])
    }
}

@Suite struct AnsibleEventTests {
    @Test func callbackLinesParseAndOtherLinesAreSkipped() throws {
        let result = try #require(AnsibleEvent(line: #"""
            {"action": "copy", "event": "result", "host": "web-1", "result": {"changed": true, "diff": [{"after": "new\n", "after_header": "/etc/app.conf", "before": "old\n", "before_header": "/etc/app.conf"}]}, "status": "changed", "task": "write config"}
            """#))
        #expect(result.kind == .result && result.status == "changed" && result.host == "web-1")
        #expect(result.diff == "--- /etc/app.conf\n+++ /etc/app.conf\n-old\n+new\n ")
        let stats = try #require(AnsibleEvent(line: #"{"event": "stats", "hosts": {"web-1": {"changed": 1, "failures": 0, "ok": 2}}}"#))
        #expect(stats.stats["web-1"]?["ok"] == 2)
        #expect(AnsibleEvent(line: "[WARNING]: No inventory was parsed") == nil)
        #expect(AnsibleEvent(line: #"{"event": "party"}"#) == nil)
    }
}
