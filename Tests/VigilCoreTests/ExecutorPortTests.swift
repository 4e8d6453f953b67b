import Foundation
import Testing
import VigilCore
import VigilTesting

@Suite struct ExecutorPortTests {
    let step = PlanStep(executor: .ssh, target: "n1", action: "systemctl restart api", risk: .reversible)
    let context = ExecutionContext(planID: "p", incidentID: "i", stepIndex: 0, secrets: ["hunter2"])

    private func collect(_ stream: AsyncThrowingStream<ExecutionEvent, any Error>) async throws -> [ExecutionEvent] {
        var events: [ExecutionEvent] = []
        for try await e in stream { events.append(e) }
        return events
    }

    @Test func scriptedOutputIsRedactedAndFinishedComesLast() async throws {
        let executor = RecordingExecutor(kind: .ssh)
        executor.script(action: step.action, lines: ["login with hunter2", "done"], exitStatus: 3)
        let events = try await collect(executor.run(step, mode: .apply, context: context))
        #expect(events == [.output(OutputLine("login with [redacted]")), .output(OutputLine("done")),
                           .finished(ExecutionResult(exitStatus: 3, changed: true))])
        #expect(executor.calls.map(\.mode) == [.apply])
        #expect(executor.calls.first?.step == step)
    }

    @Test func unscriptedStepsSucceedAndCheckModeChangesNothing() async throws {
        let executor = RecordingExecutor(kind: .ssh)
        let events = try await collect(executor.run(step, mode: .check, context: context))
        guard case .finished(let result)? = events.last else { Issue.record("no finished event"); return }
        #expect(result.succeeded)
        #expect(result.changed == false)
    }

    @Test func startFailuresThrowTheExecutionError() async throws {
        let executor = RecordingExecutor(kind: .ssh)
        executor.script(action: step.action, error: .unavailable("host key mismatch"))
        await #expect(throws: ExecutionError.unavailable("host key mismatch")) {
            _ = try await collect(executor.run(step, mode: .apply, context: context))
        }
    }
}
