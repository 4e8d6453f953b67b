import Foundation
import VigilCore

/// Builds an executor's event stream from an async body: the body reports lines through `emit` and returns the
/// result; cancelling the consumer cancels the body (and with it any process the body runs).
enum ExecutorStream {
    static func make(_ body: @escaping @Sendable (_ emit: @escaping @Sendable (String) -> Void) async throws -> ExecutionResult)
        -> AsyncThrowingStream<ExecutionEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let result = try await body { continuation.yield(.output(OutputLine($0))) }
                    continuation.yield(.finished(result))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A process outcome as an execution result (a timeout becomes `ExecutionError.timedOut`).
    static func result(_ o: ProcessRunner.Outcome, timeout: TimeInterval, changed: Bool? = nil,
                       diff: String? = nil) throws -> ExecutionResult {
        if o.timedOut { throw ExecutionError.timedOut(after: timeout) }
        return ExecutionResult(exitStatus: o.exitCode ?? 128 + (o.signal ?? 0), changed: changed, diff: diff)
    }
}
