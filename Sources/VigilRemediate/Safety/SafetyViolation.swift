/// One reason a plan may not run.
public struct SafetyViolation: Sendable, Hashable, CustomStringConvertible {
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// A module outside the allowlist, or a task without exactly one module.
        case module
        /// A denylisted command or pattern (``ShellDanger``), or a module used destructively.
        case command
        /// Hosts outside the incident's targets.
        case hosts
        /// Privilege escalation in a read-only step.
        case become
        /// Something that cannot be checked or parsed.
        case structure
    }

    public var rule: Rule
    public var message: String
    /// The step's index in the plan, when the check ran over a plan.
    public var step: Int?
    /// The playbook line, when known.
    public var line: Int?

    public init(_ rule: Rule, _ message: String, step: Int? = nil, line: Int? = nil) {
        self.rule = rule
        self.message = message
        self.step = step
        self.line = line
    }

    /// `step 2, line 14: module 'raw' is not allowed`.
    public var description: String {
        let place = [step.map { "step \($0 + 1)" }, line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? message : "\(place): \(message)"
    }
}

/// What the safety checks allow.
public struct SafetyRules: Sendable, Hashable {
    /// Ansible modules a playbook may use, by short name (`ansible.builtin.` and collection prefixes are ignored).
    ///
    /// The default allows inspecting (`debug`, `assert`, `fail`, `set_fact`, `stat`, `find`, `wait_for`,
    /// `uri`, `pause`), managing services (`service`, `systemd`, `systemd_service`), running commands
    /// (`command`, `shell`: their text goes through ``ShellDanger``), editing files (`copy`, `template`,
    /// `file`, `lineinfile`, `blockinfile`, `replace`, `archive`), packages (`apt`, `dnf`, `yum`,
    /// `package`) and Docker (`docker_container`, `docker_image`, `docker_prune`, `docker_compose_v2`).
    /// Not allowed: `raw`, `script`, `user`, `group`, `mount`, `filesystem`, `parted`, `reboot`,
    /// `include_*`/`import_*` (code the check cannot see), anything else.
    public var allowedModules: Set<String>
    /// Whether plays may address `all` or wildcard patterns.
    public var allowAllHosts: Bool
    /// Docker executor actions a step may use.
    public var dockerActions: Set<String>

    public static let defaultModules: Set<String> = [
        "debug", "assert", "fail", "set_fact", "stat", "find", "wait_for", "uri", "pause",
        "service", "systemd", "systemd_service", "command", "shell",
        "copy", "template", "file", "lineinfile", "blockinfile", "replace", "archive",
        "apt", "dnf", "yum", "package",
        "docker_container", "docker_image", "docker_prune", "docker_compose_v2",
    ]

    public init(allowedModules: Set<String> = SafetyRules.defaultModules, allowAllHosts: Bool = false,
                dockerActions: Set<String> = ["inspect", "logs", "restart", "start", "stop", "scale", "image-prune"]) {
        self.allowedModules = allowedModules
        self.allowAllHosts = allowAllHosts
        self.dockerActions = dockerActions
    }
}
