import Foundation
import Testing
import VigilServer
@testable import VigilExecutors

/// A real Docker engine (Debian's `docker.io`) with its own data root and socket, no network, and an image made
/// with `docker import` from a busybox-static root filesystem (no registry is reachable).
@Suite(.enabled(if: Peers.env["DOCKERD_BIN"] != nil, "set DOCKERD_BIN (scripts/test.sh does)"))
struct DockerEngineTests {
    @Test func containersAreFoundByLabelRestartedStoppedStartedAndScaled() async throws {
        let engine = try await DockerServer.start()
        defer { engine.stop() }
        try await engine.cli("run -d --network none --name web-1 --label com.docker.compose.service=web --label team=shop vigil/busybox:latest sleep 1000")
        try await engine.cli("run -d --network none --name other --label com.docker.compose.service=db vigil/busybox:latest sleep 1000")
        let docker = DockerEngine(socketPath: engine.socket, transport: AsyncHTTPTransport())
        #expect(!(try await docker.version()).isEmpty)

        let web = try await docker.containers(labels: ["com.docker.compose.service": "web"])
        #expect(web.map(\.names) == [["web-1"]])
        #expect(web.first?.labels["team"] == "shop" && web.first?.state == "running")

        let startedAt = { (try await docker.inspect("web-1")["State"] as? [String: Any])?["StartedAt"] as? String }
        let before = try await startedAt()
        try await docker.restart("web-1", timeout: 1)
        #expect(try await startedAt() != before, "a restart starts it again")
        try await docker.stop("web-1", timeout: 1)
        #expect(try await !docker.isRunning("web-1"))
        try await docker.start("web-1")
        #expect(try await docker.isRunning("web-1"))

        let up = try await docker.scale(service: "web", replicas: 3)
        #expect(up.before == 1 && up.created.count == 2)
        let running = try await docker.containers(labels: ["com.docker.compose.service": "web"], all: false)
        #expect(running.count == 3)
        #expect(running.allSatisfy { $0.labels["team"] == "shop" }, "clones keep the labels")
        let down = try await docker.scale(service: "web", replicas: 1)
        #expect(down.removed.count == 2)
        #expect(try await docker.containers(labels: ["com.docker.compose.service": "web"]).count == 1)
        #expect(try await docker.containers(labels: ["com.docker.compose.service": "db"]).count == 1, "other services untouched")

        await #expect(throws: DockerError.self) { try await docker.restart("no-such-container") }
        do { try await docker.restart("no-such-container") } catch let e as DockerError { #expect(e.status == 404) }
    }
}

/// dockerd on its own socket and data root, with the `vigil/busybox` image imported.
struct DockerServer {
    let dir: String
    let socket: String
    let process: PeerProcess

    static func start() async throws -> DockerServer {
        let dir = try Peers.temporaryDirectory("dockerd")
        let socket = dir + "/d.sock"
        let process = try PeerProcess(Peers.env["DOCKERD_BIN"] ?? "/usr/sbin/dockerd", [
            "--data-root", dir + "/data", "--exec-root", dir + "/exec", "-H", "unix://" + socket, "--pidfile", dir + "/d.pid",
            "--bridge=none", "--iptables=false", "--ip-forward=false", "--ip-masq=false",
        ], log: dir + "/dockerd.log")
        try await Peers.wait(.seconds(30)) { FileManager.default.fileExists(atPath: socket) }
        let busybox = Peers.env["BUSYBOX_BIN"] ?? "/bin/busybox"
        let server = DockerServer(dir: dir, socket: socket, process: process)
        try await Peers.wait(.seconds(30)) { (try? await server.cli("version")) != nil }
        try await Peers.sh("""
            mkdir -p \(dir)/rootfs/bin && cp \(busybox) \(dir)/rootfs/bin/busybox
            for c in sh sleep echo cat ls rm df du touch; do ln -sf busybox \(dir)/rootfs/bin/$c; done
            tar -C \(dir)/rootfs -cf \(dir)/rootfs.tar .
            """)
        try await server.cli("import \(dir)/rootfs.tar vigil/busybox:latest")
        return server
    }

    @discardableResult
    func cli(_ args: String) async throws -> String {
        try await Peers.sh("\(Peers.env["DOCKER_BIN"] ?? "docker") -H unix://\(socket) \(args)")
    }

    func stop() {
        _ = try? Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c",
            "\(Peers.env["DOCKER_BIN"] ?? "docker") -H unix://\(socket) rm -f $(\(Peers.env["DOCKER_BIN"] ?? "docker") -H unix://\(socket) ps -aq) >/dev/null 2>&1"])
        .waitUntilExit()
        process.stop()
        try? FileManager.default.removeItem(atPath: dir)
    }
}
