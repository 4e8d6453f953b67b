import Foundation
import VigilCore

/// Runs a step's playbook with the real `ansible-playbook`: `--check --diff` in check mode, for real in apply mode,
/// limited to the step's hosts; the step's parameters (and `vigil_targets`) are the extra vars.
///
/// ```swift
/// let ansible = AnsibleExecutor(runner: AnsibleRunner(playbookBinary: bin), inventory: ["web-1": host])
/// ```
public struct AnsibleExecutor: Executor {
    public var kind: ExecutorKind { .ansible }
    public var runner: AnsibleRunner
    /// How to reach each host by name; a name not listed is reached by SSH under its own name.
    public var inventory: [String: AnsibleHost]

    public init(runner: AnsibleRunner, inventory: [String: AnsibleHost] = [:]) {
        self.runner = runner
        self.inventory = inventory
    }

    public func run(_ step: PlanStep, mode: ExecutionMode, context: ExecutionContext) -> AsyncThrowingStream<ExecutionEvent, any Error> {
        ExecutorStream.make { emit in
            guard let playbook = step.playbook else { throw ExecutionError.unavailable("an ansible step needs a playbook") }
            let hosts = step.hosts.map { inventory[$0] ?? AnsibleHost(name: $0) }
            var runner = self.runner
            let redact = runner.runner.redact
            runner.runner.redact = { context.redact(redact($0)) }
            var vars = step.parameters
            vars["vigil_targets"] = step.hosts.joined(separator: ",")
            let report = try await runner.run(playbook: playbook, hosts: hosts, mode: mode == .check ? .check : .apply,
                                              extraVars: vars, timeout: Duration(timeInterval: step.timeout)) { event in
                switch event.kind {
                case .task: emit("TASK \(event.task ?? "?")")
                case .result: emit("\(event.host ?? "?"): \(event.status ?? "?")\(event.message.map { ": \($0)" } ?? "")")
                case .stats: emit("STATS " + event.stats.sorted { $0.key < $1.key }
                    .map { "\($0.key) \($0.value.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))" }
                    .joined(separator: "; "))
                }
            }
            if !report.succeeded, report.results.isEmpty { emit(report.failureSummary) }
            var result = try ExecutorStream.result(report.outcome, timeout: step.timeout, changed: !report.changed.isEmpty,
                                                   diff: report.diff.isEmpty ? nil : context.redact(report.diff))
            if result.exitStatus == 0, !report.failed.isEmpty { result.exitStatus = 2 }
            return result
        }
    }
}
