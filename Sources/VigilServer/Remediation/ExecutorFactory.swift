import Foundation
import Logging
import VigilConfig
import VigilCore
import VigilExecutors

/// Builds the executors from `executors:`. Ansible is present when its `ansible-playbook` is found; SSH reaches
/// hosts with a key and a known_hosts file; Docker the engines listed; local commands only allowlisted programs;
/// HTTP always.
enum ExecutorFactory {
    static func make(_ c: ExecutorsSection, transport: any HTTPTransport, redact: @escaping @Sendable (String) -> String,
                     logger: Logger) -> ExecutorRegistry {
        let runner = ProcessRunner(redact: redact, grace: .seconds(Int64(c.grace.seconds)))
        var executors: [any Executor] = [
            CommandExecutor(runner: runner, allowed: Set(c.command.allow)),
            HTTPExecutor(action: HTTPAction(transport: transport, redact: redact)),
        ]
        if let binary = resolve(c.ansible.playbookBinary) {
            var inventory: [String: AnsibleHost] = ["localhost": AnsibleHost(name: "localhost", connection: .local,
                                                                              python: c.ansible.python)]
            for (name, h) in c.hosts {
                inventory[name] = AnsibleHost(name: name, connection: h.connection == .local ? .local : .ssh, address: h.address,
                                              port: h.port, user: h.user, privateKeyFile: h.privateKey,
                                              knownHostsFile: h.knownHosts, python: h.python ?? c.ansible.python)
            }
            executors.append(AnsibleExecutor(runner: AnsibleRunner(playbookBinary: binary, runner: runner), inventory: inventory))
        } else {
            logger.notice("ansible-playbook not found; Ansible steps cannot run",
                          metadata: ["executors.ansible": "\(c.ansible.playbookBinary)"])
        }
        var targets: [String: SSHTarget] = [:]
        for (name, h) in c.hosts where h.connection == .ssh {
            guard let key = h.privateKey, let known = h.knownHosts, let user = h.user else { continue }
            targets[name] = SSHTarget(host: h.address ?? name, port: h.port, user: user, privateKeyFile: key, knownHostsFile: known)
        }
        executors.append(SSHExecutor(ssh: SSHRunner(runner: runner), targets: targets))
        executors.append(DockerExecutor(engines: c.docker.engines.mapValues {
            DockerEngine(socketPath: $0, transport: AsyncHTTPTransport(maxResponseBytes: 8 << 20))
        }))
        return ExecutorRegistry(executors)
    }

    /// A path, or a name looked up in `PATH`.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
