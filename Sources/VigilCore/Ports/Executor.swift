import Foundation

/// Runs plan steps of one ``ExecutorKind``: Ansible, SSH, Docker, a local command, an HTTP call.
///
/// `run` returns at once; the work starts when the stream is iterated and reports output lines
/// as they come, then exactly one ``ExecutionEvent/finished(_:)`` as the last element. A step
/// that could not be started at all (unknown host key, missing binary) finishes the stream by
/// throwing an ``ExecutionError``.
///
/// **Cancellation.** Cancelling the task that iterates the stream, or dropping the stream,
/// must stop the work: a local process gets SIGTERM, then SIGKILL after
/// `context.gracePeriod`; a remote command's channel is closed; an HTTP request is abandoned.
/// The stream then ends by throwing `CancellationError`, and the step counts as failed with an
/// unknown effect (the verifier decides). A step running past `step.timeout` is cancelled the same
/// way and ends with ``ExecutionError/timedOut(after:)``.
///
/// **Check mode** (`.check`) must not change anything: Ansible's `--check --diff`, a Docker
/// `inspect`, an SSH command's `test` form. Executors that cannot simulate report
/// `finished(.init(exitStatus: 0, changed: nil, diff: "check mode not supported: …"))`.
///
/// Output lines pass through `context.redact` before they leave the executor.
///
/// ```swift
/// for try await event in executor.run(step, mode: .check, context: context) {
///     switch event {
///     case .output(let line): log.append(line)
///     case .finished(let result): diff = result.diff
///     }
/// }
/// ```
public protocol Executor: Sendable {
    var kind: ExecutorKind { get }
    func run(_ step: PlanStep, mode: ExecutionMode, context: ExecutionContext) -> AsyncThrowingStream<ExecutionEvent, any Error>
}

/// Whether to simulate or to act.
public enum ExecutionMode: String, Sendable, Hashable, Codable, CaseIterable {
    case check, apply
}

/// Where a step belongs and how to treat its output.
public struct ExecutionContext: Sendable, Hashable {
    public var planID: String
    public var incidentID: String
    /// The step's position in its plan (rollback steps use their step's index).
    public var stepIndex: Int
    /// How long a cancelled process may take to exit before it is killed.
    public var gracePeriod: TimeInterval
    /// Secret values to replace with `[redacted]` in every output line.
    public var secrets: [String]

    public init(planID: String, incidentID: String, stepIndex: Int, gracePeriod: TimeInterval = 10, secrets: [String] = []) {
        self.planID = planID
        self.incidentID = incidentID
        self.stepIndex = stepIndex
        self.gracePeriod = gracePeriod
        self.secrets = secrets
    }

    /// `line` with every secret replaced by `[redacted]`.
    public func redact(_ line: String) -> String {
        secrets.filter { !$0.isEmpty }.reduce(line) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}

/// What an executor reports while a step runs.
public enum ExecutionEvent: Sendable, Hashable {
    case output(OutputLine)
    /// Always the last element.
    case finished(ExecutionResult)
}

/// One line a step printed.
public struct OutputLine: Sendable, Hashable, Codable {
    public enum Stream: String, Sendable, Hashable, Codable { case stdout, stderr }
    public var stream: Stream
    public var text: String

    public init(_ text: String, stream: Stream = .stdout) {
        self.stream = stream
        self.text = text
    }
}

/// How a step ended.
public struct ExecutionResult: Sendable, Hashable, Codable {
    /// 0 is success, as for a process; HTTP executors map 2xx to 0.
    public var exitStatus: Int32
    /// Whether anything was (or in check mode would be) changed; `nil` when unknown.
    public var changed: Bool?
    /// A check-mode diff, when the executor produces one.
    public var diff: String?

    public init(exitStatus: Int32, changed: Bool? = nil, diff: String? = nil) {
        self.exitStatus = exitStatus
        self.changed = changed
        self.diff = diff
    }

    public var succeeded: Bool { exitStatus == 0 }
}

/// A step that could not be run or did not end in time.
public enum ExecutionError: Error, Sendable, Hashable, CustomStringConvertible {
    case unavailable(String)
    case timedOut(after: TimeInterval)

    public var description: String {
        switch self {
        case .unavailable(let why): "executor unavailable: \(why)"
        case .timedOut(let seconds): "step timed out after \(Int(seconds)) s"
        }
    }
}
