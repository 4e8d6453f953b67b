import Foundation

/// Where and as whom a remote command runs. Host keys are always checked against `knownHostsFile`.
public struct SSHTarget: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var privateKeyFile: String
    public var knownHostsFile: String

    public init(host: String, port: Int = 22, user: String, privateKeyFile: String, knownHostsFile: String) {
        self.host = host
        self.port = port
        self.user = user
        self.privateKeyFile = privateKeyFile
        self.knownHostsFile = knownHostsFile
    }
}

/// Runs a command on a remote host with the OpenSSH client: key authentication only, strict host-key checking,
/// no agent or connection sharing, a connect timeout, and the run's own timeout and cancellation.
///
/// ```swift
/// let ssh = SSHRunner()
/// let r = try await ssh.run("systemctl restart nginx", on: target)
/// ```
public struct SSHRunner: Sendable {
    public var sshBinary: String
    public var runner: ProcessRunner
    public var connectTimeout: Int

    public init(sshBinary: String = "/usr/bin/ssh", runner: ProcessRunner = ProcessRunner(), connectTimeout: Int = 10) {
        self.sshBinary = sshBinary
        self.runner = runner
        self.connectTimeout = connectTimeout
    }

    /// The arguments, in order; the command is the last one and runs in the remote user's shell.
    public func arguments(_ command: String, on t: SSHTarget) -> [String] {
        ["-i", t.privateKeyFile, "-p", String(t.port),
         "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
         "-o", "UserKnownHostsFile=\(t.knownHostsFile)", "-o", "GlobalKnownHostsFile=/dev/null",
         "-o", "ConnectTimeout=\(connectTimeout)", "-o", "ControlMaster=no", "-o", "ControlPath=none",
         "-o", "ForwardAgent=no", "-o", "LogLevel=ERROR",
         "-l", t.user, t.host, "--", command]
    }

    public func run(_ command: String, on target: SSHTarget, timeout: Duration = .seconds(120),
                    onLine: @escaping @Sendable (String) -> Void = { _ in }) async throws -> ProcessRunner.Outcome {
        try await runner.run(sshBinary, arguments(command, on: target), timeout: timeout, onLine: onLine)
    }
}
