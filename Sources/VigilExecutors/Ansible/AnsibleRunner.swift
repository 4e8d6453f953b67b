import Foundation

/// A host as Ansible reaches it.
public struct AnsibleHost: Sendable, Hashable {
    public enum Connection: String, Sendable { case local, ssh }
    public var name: String
    public var connection: Connection
    public var address: String?
    public var port: Int?
    public var user: String?
    public var privateKeyFile: String?
    /// The `known_hosts` file to check the host key against; checking is never turned off.
    public var knownHostsFile: String?
    /// Set explicitly: interpreter discovery picks the wrong Python behind version-manager shims.
    public var python: String?

    public init(name: String, connection: Connection = .ssh, address: String? = nil, port: Int? = nil, user: String? = nil,
                privateKeyFile: String? = nil, knownHostsFile: String? = nil, python: String? = nil) {
        self.name = name
        self.connection = connection
        self.address = address
        self.port = port
        self.user = user
        self.privateKeyFile = privateKeyFile
        self.knownHostsFile = knownHostsFile
        self.python = python
    }

    var inventoryVariables: [String: Any] {
        var v: [String: Any] = ["ansible_connection": connection.rawValue]
        if let address { v["ansible_host"] = address }
        if let port { v["ansible_port"] = port }
        if let user { v["ansible_user"] = user }
        if let privateKeyFile { v["ansible_ssh_private_key_file"] = privateKeyFile }
        if let python { v["ansible_python_interpreter"] = python }
        if let knownHostsFile {
            v["ansible_ssh_common_args"] = "-o UserKnownHostsFile=\(knownHostsFile) -o StrictHostKeyChecking=yes"
        }
        return v
    }
}

/// Runs the real `ansible-playbook` on a playbook text: `--syntax-check`, a `--check --diff` dry run, or for real.
/// Every run gets its own directory (playbook, inventory, Vigil's NDJSON callback) and is limited to the hosts given.
///
/// ```swift
/// let ansible = AnsibleRunner(playbookBinary: "/opt/venv/bin/ansible-playbook")
/// let dry = try await ansible.run(playbook: yaml, hosts: [AnsibleHost(name: "web-1", connection: .local)], mode: .check)
/// dry.diff   // what would change
/// ```
public struct AnsibleRunner: Sendable {
    public enum Mode: String, Sendable { case syntaxCheck = "syntax-check", check, apply }

    public var playbookBinary: String
    public var runner: ProcessRunner
    public var workRoot: String

    public init(playbookBinary: String, runner: ProcessRunner = ProcessRunner(),
                workRoot: String = FileManager.default.temporaryDirectory.path) {
        self.playbookBinary = playbookBinary
        self.runner = runner
        self.workRoot = workRoot
    }

    public func run(playbook: String, hosts: [AnsibleHost], mode: Mode, extraVars: [String: String] = [:],
                    timeout: Duration = .seconds(600),
                    onEvent: @escaping @Sendable (AnsibleEvent) -> Void = { _ in }) async throws -> AnsibleReport {
        let dir = workRoot + "/vigil-ansible-\(UUID().uuidString.prefix(8))"
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/callbacks", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/tmp", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: dir) }
        try playbook.write(toFile: dir + "/playbook.yml", atomically: true, encoding: .utf8)
        try AnsibleCallback.source.write(toFile: dir + "/callbacks/\(AnsibleCallback.name).py", atomically: true, encoding: .utf8)
        var hostVars: [String: Any] = [:]
        for h in hosts { hostVars[h.name] = h.inventoryVariables }
        let inventory: [String: Any] = ["all": ["hosts": hostVars, "children": ["targets": ["hosts": hostVars.mapValues { _ in [:] as [String: Any] }]]]]
        try JSONSerialization.data(withJSONObject: inventory, options: [.sortedKeys]).write(to: URL(fileURLWithPath: dir + "/inventory.yml"))

        var args = ["-i", dir + "/inventory.yml", "--limit", hosts.isEmpty ? "none" : hosts.map(\.name).joined(separator: ",")]
        switch mode {
        case .syntaxCheck: args.append("--syntax-check")
        case .check: args += ["--check", "--diff"]
        case .apply: args.append("--diff")
        }
        if !extraVars.isEmpty {
            let data = try JSONSerialization.data(withJSONObject: extraVars, options: [.sortedKeys])
            args += ["--extra-vars", String(decoding: data, as: UTF8.self)]
        }
        args.append(dir + "/playbook.yml")
        let env = [
            "ANSIBLE_STDOUT_CALLBACK": AnsibleCallback.name, "ANSIBLE_CALLBACK_PLUGINS": dir + "/callbacks",
            "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_HOST_KEY_CHECKING": "True", "ANSIBLE_SSH_ARGS": "-o ControlMaster=no -o ControlPersist=no",
            "ANSIBLE_LOCAL_TEMP": dir + "/tmp", "ANSIBLE_DEPRECATION_WARNINGS": "0", "ANSIBLE_CONFIG": dir + "/none.cfg",
            "PYTHONUNBUFFERED": "1",
        ]
        let collector = AnsibleEventCollector()
        let outcome = try await runner.run(playbookBinary, args, environment: env, workingDirectory: dir, timeout: timeout) { line in
            guard let event = AnsibleEvent(line: line) else { return }
            collector.add(event)
            onEvent(event)
        }
        return AnsibleReport(mode: mode, outcome: outcome, events: collector.events)
    }
}
