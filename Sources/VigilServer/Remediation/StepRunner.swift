import Foundation
import VigilCore

/// Runs one plan step through its executor and keeps what it printed in the plan's log (redacted), in batches.
struct StepRunner: Sendable {
    let store: any PlanStore
    let clock: any WallClock
    /// Applied to every line before it is stored (the executor's context redacts known secret values first).
    var redact: @Sendable (String) -> String = { $0 }
    var grace: TimeInterval = 10

    struct Outcome: Sendable {
        var result: ExecutionResult?
        var error: String?
        var tail: [String]
        var succeeded: Bool { error == nil && result?.succeeded == true }
        /// One line for a person: the error, or the exit status with the last output line.
        var summary: String {
            if let error { return error }
            let last = tail.last.map { ": \($0)" } ?? ""
            return "exit status \(result?.exitStatus ?? -1)\(last)"
        }
    }

    func run(_ step: PlanStep, executor: any Executor, mode: ExecutionMode, plan: Plan, index: Int,
             phase: PlanLogLine.Phase) async -> Outcome {
        let context = ExecutionContext(planID: plan.id, incidentID: plan.incidentID, stepIndex: index, gracePeriod: grace)
        var buffer: [PlanLogLine] = []
        var tail: [String] = []
        var result: ExecutionResult?
        var failure: String?
        func flush() async {
            guard !buffer.isEmpty else { return }
            try? await store.appendPlanLog(planID: plan.id, buffer)
            buffer.removeAll()
        }
        buffer.append(PlanLogLine(time: clock.now(), step: index, phase: phase,
                                  text: "▶ \(phase.rawValue) step \(index + 1): \(step.executor.rawValue) \(redact(step.action)) on \(step.target)"))
        do {
            for try await event in executor.run(step, mode: mode, context: context) {
                switch event {
                case .output(let line):
                    let text = redact(line.text)
                    buffer.append(PlanLogLine(time: clock.now(), step: index, phase: phase, text: text))
                    tail.append(text)
                    if tail.count > 20 { tail.removeFirst() }
                    if buffer.count >= 50 { await flush() }
                case .finished(let r):
                    result = r
                }
            }
        } catch {
            failure = redact("\(error)")
        }
        let outcome = Outcome(result: result, error: failure ?? (result == nil ? "the executor ended without a result" : nil), tail: tail)
        buffer.append(PlanLogLine(time: clock.now(), step: index, phase: phase,
                                  text: (outcome.succeeded ? "✔ " : "✘ ") + outcome.summary))
        await flush()
        return outcome
    }
}
