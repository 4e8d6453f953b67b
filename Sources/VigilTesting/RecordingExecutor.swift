import Foundation
import Synchronization
import VigilCore

/// An executor that records what it was asked to run and answers from a script.
///
/// ```swift
/// let executor = RecordingExecutor(kind: .ansible)
/// executor.script(action: "restart", lines: ["ok"], exitStatus: 1)
/// ```
public final class RecordingExecutor: Executor, Sendable {
    public struct Call: Sendable, Hashable {
        public var step: PlanStep
        public var mode: ExecutionMode
        public var context: ExecutionContext
    }

    private struct Answer {
        var lines: [String]
        var result: ExecutionResult?
        var error: ExecutionError?
    }

    public let kind: ExecutorKind
    private let state = Mutex<(calls: [Call], answers: [String: Answer])>(([], [:]))

    public init(kind: ExecutorKind) { self.kind = kind }

    public var calls: [Call] { state.withLock { $0.calls } }

    /// Steps with this `action` print `lines` (redacted by the context) and end with `exitStatus`
    /// (or throw `error`). Unscripted actions print one line and succeed.
    public func script(action: String, lines: [String] = [], exitStatus: Int32 = 0, changed: Bool? = true, diff: String? = nil,
                       error: ExecutionError? = nil) {
        let answer = Answer(lines: lines, result: ExecutionResult(exitStatus: exitStatus, changed: changed, diff: diff), error: error)
        state.withLock { $0.answers[action] = answer }
    }

    public func run(_ step: PlanStep, mode: ExecutionMode, context: ExecutionContext) -> AsyncThrowingStream<ExecutionEvent, any Error> {
        let answer: Answer = state.withLock { s in
            s.calls.append(Call(step: step, mode: mode, context: context))
            return s.answers[step.action]
                ?? Answer(lines: ["\(mode.rawValue) \(step.action) on \(step.target)"], result: ExecutionResult(exitStatus: 0, changed: mode == .apply))
        }
        return AsyncThrowingStream { continuation in
            for line in answer.lines { continuation.yield(.output(OutputLine(context.redact(line)))) }
            if let error = answer.error {
                continuation.finish(throwing: error)
                return
            }
            if let result = answer.result { continuation.yield(.finished(result)) }
            continuation.finish()
        }
    }
}
