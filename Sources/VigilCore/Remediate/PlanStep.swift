import Foundation

/// Which `Executor` runs a step.
public enum ExecutorKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `ansible-playbook` with the step's playbook; `target` is the host (or comma-separated hosts).
    case ansible
    /// A remote command over SSH; `target` is the host, `action` the command line.
    case ssh
    /// The Docker Engine API; `target` is the host whose engine to use, `action` restart/stop/start/scale/inspect/
    /// image-prune, and `parameters` name the container (`container`) or compose service (`service`, with `replicas`).
    case docker
    /// A local command from an allowlist; `action` is the command line.
    case command
    /// An HTTP request (a deploy system's rollback webhook); `target` is the URL, `action` the method.
    case http
}

/// One thing a plan does: which executor, on what, with what, how risky, and how to undo it.
///
/// For Ansible steps `playbook` holds the playbook text itself, so what is approved is exactly
/// what runs; `parameters` become the playbook's extra vars (plus `vigil_targets`, the step's hosts).
///
/// ```swift
/// let step = PlanStep(executor: .docker, target: "api", action: "restart", risk: .reversible)
/// ```
public struct PlanStep: Sendable, Hashable, Codable {
    public var executor: ExecutorKind
    public var target: String
    public var action: String
    public var parameters: [String: String]
    public var risk: Risk
    /// Ansible only: the playbook's YAML text.
    public var playbook: String?
    /// How long the executor may take before the step counts as failed.
    public var timeout: TimeInterval
    /// Kept in an array so the type can contain itself; at most one element.
    private var rollbackStorage: [PlanStep]

    public init(executor: ExecutorKind, target: String, action: String, parameters: [String: String] = [:],
                risk: Risk, playbook: String? = nil, timeout: TimeInterval = 300, rollback: PlanStep? = nil) {
        self.executor = executor
        self.target = target
        self.action = action
        self.parameters = parameters
        self.risk = risk
        self.playbook = playbook
        self.timeout = timeout
        self.rollbackStorage = rollback.map { [$0] } ?? []
    }

    /// The step that undoes this one, if there is one.
    public var rollback: PlanStep? {
        get { rollbackStorage.first }
        set { rollbackStorage = newValue.map { [$0] } ?? [] }
    }

    /// The hosts the step touches: its comma-separated `target` for host executors, none for
    /// `http` (a URL) and `command` (runs where Vigil runs).
    public var hosts: [String] {
        switch executor {
        case .ansible, .ssh, .docker:
            target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .command, .http:
            []
        }
    }

    enum CodingKeys: String, CodingKey {
        case executor, target, action, parameters, risk, playbook, timeout, rollback
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        executor = try c.decode(ExecutorKind.self, forKey: .executor)
        target = try c.decode(String.self, forKey: .target)
        action = try c.decode(String.self, forKey: .action)
        parameters = try c.decodeIfPresent([String: String].self, forKey: .parameters) ?? [:]
        risk = try c.decode(Risk.self, forKey: .risk)
        playbook = try c.decodeIfPresent(String.self, forKey: .playbook)
        timeout = try c.decodeIfPresent(TimeInterval.self, forKey: .timeout) ?? 300
        rollbackStorage = try c.decodeIfPresent(PlanStep.self, forKey: .rollback).map { [$0] } ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(executor, forKey: .executor)
        try c.encode(target, forKey: .target)
        try c.encode(action, forKey: .action)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(risk, forKey: .risk)
        try c.encodeIfPresent(playbook, forKey: .playbook)
        try c.encode(timeout, forKey: .timeout)
        try c.encodeIfPresent(rollback, forKey: .rollback)
    }
}
