import Foundation
import VigilCore

/// `executors:` — how plan steps reach hosts. Nothing here acts by itself: executors run only approved plans.
///
/// ```yaml
/// executors:
///   hosts:                       # how Ansible and SSH reach each host; host keys are always checked
///     localhost: {connection: local}
///     web-1: {address: 10.0.0.5, user: deploy, private_key: /etc/vigil/id_ed25519, known_hosts: /etc/vigil/known_hosts}
///   ansible: {playbook_binary: ansible-playbook, python: /usr/bin/python3}
///   docker: {engines: {localhost: /var/run/docker.sock}}
///   command: {allow: [systemctl, logrotate]}
/// ```
public struct ExecutorsSection: Decodable, Sendable, Hashable {
    public struct Host: Decodable, Sendable, Hashable {
        public enum Connection: String, Decodable, Sendable, Hashable, CaseIterable { case ssh, local }
        public var connection: Connection = .ssh
        public var address: String?
        public var port: Int = 22
        public var user: String?
        public var privateKey: String?
        public var knownHosts: String?
        /// The Python Ansible uses on that host (set it: discovery is fooled by version-manager shims).
        public var python: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case connection, address, port, user, privateKey = "private_key", knownHosts = "known_hosts", python
        }

        public init(connection: Connection = .ssh, address: String? = nil, port: Int = 22, user: String? = nil,
                    privateKey: String? = nil, knownHosts: String? = nil, python: String? = nil) {
            self.connection = connection
            self.address = address
            self.port = port
            self.user = user
            self.privateKey = privateKey
            self.knownHosts = knownHosts
            self.python = python
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            connection = try c.decodeIfPresent(Connection.self, forKey: .connection) ?? .ssh
            address = try c.decodeIfPresent(String.self, forKey: .address)
            port = try c.decodeIfPresent(Int.self, forKey: .port) ?? 22
            user = try c.decodeIfPresent(String.self, forKey: .user)
            privateKey = try c.decodeIfPresent(String.self, forKey: .privateKey)
            knownHosts = try c.decodeIfPresent(String.self, forKey: .knownHosts)
            python = try c.decodeIfPresent(String.self, forKey: .python)
        }
    }

    public struct Ansible: Decodable, Sendable, Hashable {
        public var playbookBinary = "ansible-playbook"
        /// Default `ansible_python_interpreter` for hosts that do not set one.
        public var python: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case playbookBinary = "playbook_binary", python }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            playbookBinary = try c.decodeIfPresent(String.self, forKey: .playbookBinary) ?? playbookBinary
            python = try c.decodeIfPresent(String.self, forKey: .python)
        }
    }

    public struct Docker: Decodable, Sendable, Hashable {
        /// The Engine API socket of each host by name.
        public var engines: [String: String] = [:]
        enum CodingKeys: String, CodingKey, CaseIterable { case engines }
        public init() {}
        public init(from decoder: any Decoder) throws {
            engines = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([String: String].self, forKey: .engines) ?? [:]
        }
    }

    public struct Command: Decodable, Sendable, Hashable {
        /// Program names or absolute paths a `command` step may run.
        public var allow: [String] = []
        enum CodingKeys: String, CodingKey, CaseIterable { case allow }
        public init() {}
        public init(from decoder: any Decoder) throws {
            allow = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([String].self, forKey: .allow) ?? []
        }
    }

    public var hosts: [String: Host] = [:]
    public var ansible = Ansible()
    public var docker = Docker()
    public var command = Command()
    /// How long a cancelled or timed-out process may take to exit before it is killed.
    public var grace = ConfigDuration(seconds: 10)

    enum CodingKeys: String, CodingKey, CaseIterable { case hosts, ansible, docker, command, grace }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hosts = try c.decodeIfPresent([String: Host].self, forKey: .hosts) ?? [:]
        ansible = try c.decodeIfPresent(Ansible.self, forKey: .ansible) ?? ansible
        docker = try c.decodeIfPresent(Docker.self, forKey: .docker) ?? docker
        command = try c.decodeIfPresent(Command.self, forKey: .command) ?? command
        grace = try c.decodeIfPresent(ConfigDuration.self, forKey: .grace) ?? grace
    }

    func validate(file: String) throws(ConfigError) {
        for (name, h) in hosts.sorted(by: { $0.key < $1.key }) {
            let path = "executors.hosts.\(name)"
            guard (1...65535).contains(h.port) else { throw .invalid(path: "\(path).port", message: "must be 1–65535", file: file) }
            if h.connection == .ssh, (h.privateKey == nil) != (h.knownHosts == nil) {
                throw .invalid(path: path, message: "private_key and known_hosts go together (host keys are always checked)",
                               file: file)
            }
        }
        for (name, socket) in docker.engines where !socket.hasPrefix("/") {
            throw .invalid(path: "executors.docker.engines.\(name)", message: "must be the absolute path of the engine's socket",
                           file: file)
        }
        guard grace.seconds >= 1 else { throw .invalid(path: "executors.grace", message: "must be at least 1s", file: file) }
    }
}
