import Foundation
import VigilCore

/// An HTTP request step: `target` is the URL, `action` the method; `parameters["body"]` the body and
/// `header.<Name>` parameters the headers. Check mode says what would be sent.
public struct HTTPExecutor: Executor {
    public var kind: ExecutorKind { .http }
    public var action: HTTPAction

    public init(action: HTTPAction) { self.action = action }

    public func run(_ step: PlanStep, mode: ExecutionMode, context: ExecutionContext) -> AsyncThrowingStream<ExecutionEvent, any Error> {
        ExecutorStream.make { emit in
            let method = step.action.uppercased()
            guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) else {
                throw ExecutionError.unavailable("http action '\(step.action)' is not an HTTP method")
            }
            guard let url = URL(string: step.target), ["http", "https"].contains(url.scheme ?? "") else {
                throw ExecutionError.unavailable("http target '\(step.target)' is not an http(s) URL")
            }
            if mode == .check {
                return ExecutionResult(exitStatus: 0, changed: nil, diff: "would send \(method) \(context.redact(step.target))")
            }
            var headers: [String: String] = [:]
            for (k, v) in step.parameters where k.hasPrefix("header.") { headers[String(k.dropFirst(7))] = v }
            let o = try await action.send(method: method, url: step.target, headers: headers, body: step.parameters["body"],
                                          timeout: Duration(timeInterval: step.timeout))
            emit("\(method) \(context.redact(step.target)) → \(o.status)")
            if !o.body.isEmpty { emit(context.redact(o.body)) }
            return ExecutionResult(exitStatus: o.succeeded ? 0 : 1, changed: o.succeeded)
        }
    }
}
