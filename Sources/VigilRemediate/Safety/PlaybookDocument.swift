import Foundation

/// An Ansible playbook as the safety checks see it: plays, their hosts and privilege, and tasks
/// as a module name plus arguments. `VigilConfig`'s `PlaybookYAML` builds it from YAML text,
/// with 1-based line numbers where the YAML gives them.
///
/// ```swift
/// let doc = PlaybookDocument(plays: [Play(hosts: "{{ vigil_targets }}", tasks: [
///     PlaybookTask(module: "ansible.builtin.service", arguments: .map(["name": "nginx", "state": "restarted"]))])])
/// ```
public struct PlaybookDocument: Sendable, Hashable {
    public var plays: [Play]
    public init(plays: [Play]) { self.plays = plays }
}

/// One play.
public struct Play: Sendable, Hashable {
    public var name: String?
    /// The `hosts:` pattern as written (`web1,web2`, `all`, `{{ vigil_targets }}`); `nil` when missing.
    public var hosts: String?
    public var become: Bool
    /// `tasks`, `pre_tasks`, `post_tasks` and `handlers`, with `block`/`rescue`/`always` flattened.
    public var tasks: [PlaybookTask]
    /// Play keys that pull in code from elsewhere (`roles`, `import_playbook`), which cannot be checked.
    public var unsupportedKeys: [String]
    public var line: Int?

    public init(name: String? = nil, hosts: String?, become: Bool = false, tasks: [PlaybookTask], unsupportedKeys: [String] = [],
                line: Int? = nil) {
        self.name = name
        self.hosts = hosts
        self.become = become
        self.tasks = tasks
        self.unsupportedKeys = unsupportedKeys
        self.line = line
    }
}

/// One task: which module with which arguments.
public struct PlaybookTask: Sendable, Hashable {
    /// A module's arguments: free-form text (`command: systemctl restart x`) or a mapping whose
    /// nested values are flattened to dotted keys (`argv.0`, `headers.Accept`).
    public enum Arguments: Sendable, Hashable {
        case text(String)
        case map([String: String])

        /// Every string in the arguments, for the denylist.
        public var strings: [String] {
            switch self {
            case .text(let s): [s]
            case .map(let m): m.keys.sorted().compactMap { m[$0] }
            }
        }
    }

    public var name: String?
    /// As written, possibly fully qualified (`ansible.builtin.shell`); `""` when none could be found.
    public var module: String
    public var arguments: Arguments
    /// The task's own `become`, if it sets one.
    public var become: Bool?
    /// `delegate_to`, which runs the task on another host.
    public var delegateTo: String?
    /// Task keys that are neither keywords nor the one module (two modules in one task, say).
    public var extraKeys: [String]
    /// Strings in task keywords that reach a shell or a host (`args`, `environment`, `vars`, loops).
    public var otherStrings: [String]
    public var line: Int?

    public init(name: String? = nil, module: String, arguments: Arguments, become: Bool? = nil, delegateTo: String? = nil,
                extraKeys: [String] = [], otherStrings: [String] = [], line: Int? = nil) {
        self.name = name
        self.module = module
        self.arguments = arguments
        self.become = become
        self.delegateTo = delegateTo
        self.extraKeys = extraKeys
        self.otherStrings = otherStrings
        self.line = line
    }

    /// The module's short name: `ansible.builtin.shell` → `shell`, `community.docker.docker_container` → `docker_container`.
    public var shortModule: String { module.split(separator: ".").last.map(String.init) ?? module }

    /// Keys a task may carry besides its module.
    public static let keywords: Set<String> = [
        "name", "when", "register", "become", "become_user", "become_method", "ignore_errors", "changed_when",
        "failed_when", "loop", "loop_control", "with_items", "with_list", "with_dict", "tags", "notify", "listen",
        "vars", "environment", "delegate_to", "retries", "delay", "until", "no_log", "check_mode", "diff", "args",
        "timeout", "run_once", "any_errors_fatal", "ignore_unreachable", "throttle", "module_defaults",
        "block", "rescue", "always",
    ]
}
