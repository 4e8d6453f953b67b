import Foundation
import VigilCore

/// A local command from an allowlist: the step's `action` is split on spaces (no shell, no quoting) and its first
/// word must be an allowed program name or absolute path. Check mode says what would run.
public struct CommandExecutor: Executor {
    public var kind: ExecutorKind { .command }
    public var runner: ProcessRunner
    /// Program names or absolute paths that may run.
    public var allowed: Set<String>
    /// Directories searched for an allowed program given by name.
    public var path: [String]

    public init(runner: ProcessRunner = ProcessRunner(), allowed: Set<String>,
                path: [String] = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]) {
        self.runner = runner
        self.allowed = allowed
        self.path = path
    }

    /// The program to run for `word`, or nil when it is not allowed or not found.
    func resolve(_ word: String) -> String? {
        let name = word.hasPrefix("/") ? String(word.split(separator: "/").last ?? "") : word
        guard allowed.contains(word) || allowed.contains(name) else { return nil }
        if word.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: word) ? word : nil }
        return path.map { "\($0)/\(word)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func run(_ step: PlanStep, mode: ExecutionMode, context: ExecutionContext) -> AsyncThrowingStream<ExecutionEvent, any Error> {
        ExecutorStream.make { emit in
            let words = step.action.split(separator: " ").map(String.init)
            guard let first = words.first, let program = resolve(first) else {
                throw ExecutionError.unavailable("command '\(words.first ?? "")' is not in the allowlist (executors.command.allow)")
            }
            if mode == .check {
                return ExecutionResult(exitStatus: 0, changed: nil, diff: "would run: \(context.redact(step.action))")
            }
            var runner = self.runner
            let redact = runner.redact
            runner.redact = { context.redact(redact($0)) }
            let o = try await runner.run(program, Array(words.dropFirst()), timeout: Duration(timeInterval: step.timeout)) { emit($0) }
            return try ExecutorStream.result(o, timeout: step.timeout, changed: true)
        }
    }
}
