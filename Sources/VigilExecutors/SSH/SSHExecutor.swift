import Foundation
import VigilCore

/// Runs a step's `action` as a command on its host over SSH. There is no dry run for an arbitrary command, so
/// check mode only shows what would run where.
public struct SSHExecutor: Executor {
    public var kind: ExecutorKind { .ssh }
    public var ssh: SSHRunner
    /// How to reach each host by name; a host not listed is refused.
    public var targets: [String: SSHTarget]

    public init(ssh: SSHRunner = SSHRunner(), targets: [String: SSHTarget]) {
        self.ssh = ssh
        self.targets = targets
    }

    public func run(_ step: PlanStep, mode: ExecutionMode, context: ExecutionContext) -> AsyncThrowingStream<ExecutionEvent, any Error> {
        ExecutorStream.make { emit in
            let hosts = step.hosts
            for host in hosts where targets[host] == nil {
                throw ExecutionError.unavailable("no SSH settings for host '\(host)' (executors.ssh.hosts)")
            }
            if mode == .check {
                let plan = hosts.map { "would run on \($0): \(context.redact(step.action))" }.joined(separator: "\n")
                return ExecutionResult(exitStatus: 0, changed: nil, diff: "check mode not supported for ssh commands:\n" + plan)
            }
            var runner = ssh
            let redact = runner.runner.redact
            runner.runner.redact = { context.redact(redact($0)) }
            var last = ExecutionResult(exitStatus: 0, changed: true)
            for host in hosts {
                emit("$ ssh \(host) \(context.redact(step.action))")
                let o = try await runner.run(step.action, on: targets[host]!, timeout: Duration(timeInterval: step.timeout)) {
                    emit("\(host): \($0)")
                }
                last = try ExecutorStream.result(o, timeout: step.timeout, changed: true)
                if !last.succeeded { return last }
            }
            return last
        }
    }
}
