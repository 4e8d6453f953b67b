import Foundation
import Testing
@testable import VigilExecutors

/// A real OpenSSH server (Debian's `openssh-server`) on 127.0.0.1 with throwaway keys.
@Suite(.enabled(if: Peers.env["SSHD_BIN"] != nil, "set SSHD_BIN (scripts/test.sh does)"))
struct SSHRunnerTests {
    @Test func aCommandRunsWithKeyAuthAndAnUnknownHostKeyIsRefused() async throws {
        let server = try await SSHServer.start()
        defer { server.stop() }
        let ssh = SSHRunner()
        let r = try await ssh.run("echo vigil-$((40 + 2)); exit 7", on: server.target)
        #expect(r.exitCode == 7)
        #expect(r.tail.contains("vigil-42"), "\(r.tail)")

        // A host key that does not match what we know: OpenSSH refuses before running anything.
        var wrong = server.target
        wrong.knownHostsFile = server.dir + "/other_known_hosts"
        try "[127.0.0.1]:\(server.port) \(try String(contentsOfFile: server.dir + "/client_key.pub", encoding: .utf8))"
            .write(toFile: wrong.knownHostsFile, atomically: true, encoding: .utf8)
        let refused = try await ssh.run("touch \(server.dir)/should-not-exist", on: wrong)
        #expect(refused.exitCode == 255)
        #expect(!FileManager.default.fileExists(atPath: server.dir + "/should-not-exist"))
    }
}

/// sshd with its own host key, config and authorized key, on a free port.
struct SSHServer {
    let dir: String
    let port: Int
    let process: PeerProcess
    var target: SSHTarget {
        SSHTarget(host: "127.0.0.1", port: port, user: NSUserName(), privateKeyFile: dir + "/client_key",
                  knownHostsFile: dir + "/known_hosts")
    }

    static func start() async throws -> SSHServer {
        let dir = try Peers.temporaryDirectory("sshd")
        let port = Peers.freePort()
        try await Peers.sh("""
            mkdir -p /run/sshd 2>/dev/null || true
            ssh-keygen -q -t ed25519 -N '' -f \(dir)/host_key && ssh-keygen -q -t ed25519 -N '' -f \(dir)/client_key
            cp \(dir)/client_key.pub \(dir)/authorized_keys && chmod 600 \(dir)/authorized_keys
            printf '[127.0.0.1]:\(port) %s\\n' "$(cut -d' ' -f1,2 \(dir)/host_key.pub)" > \(dir)/known_hosts
            """)
        try """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(dir)/host_key
            AuthorizedKeysFile \(dir)/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            PidFile \(dir)/sshd.pid
            """.write(toFile: dir + "/sshd_config", atomically: true, encoding: .utf8)
        let process = try PeerProcess(Peers.env["SSHD_BIN"] ?? "/usr/sbin/sshd", ["-D", "-e", "-f", dir + "/sshd_config"],
                                      log: dir + "/sshd.log")
        try await Peers.wait { canConnect(port) }
        return SSHServer(dir: dir, port: port, process: process)
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(atPath: dir)
    }
}
