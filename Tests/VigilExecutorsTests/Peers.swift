import Foundation
import VigilExecutors

/// Real peers for the executor tests, started on 127.0.0.1 from the binaries `scripts/test.sh` installs and names
/// in the environment. A test whose peer is not named skips itself (the unit run has none).
enum Peers {
    static let env = ProcessInfo.processInfo.environment

    static func temporaryDirectory(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-\(name)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a helper command to completion and returns its output; throws on a non-zero exit.
    @discardableResult
    static func sh(_ command: String) async throws -> String {
        let r = try await ProcessRunner().run("/bin/sh", ["-c", command], timeout: .seconds(120))
        guard r.succeeded else { throw PeerError(message: "`\(command)` failed: \(r.tail.suffix(5).joined(separator: " | "))") }
        return r.tail.joined(separator: "\n")
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Waits until `check` passes, up to `timeout`.
    static func wait(_ timeout: Duration = .seconds(15), _ check: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await check() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PeerError(message: "peer did not become ready in time")
    }

    /// Records the pid for `scripts/test.sh` to kill if the test process dies first.
    static func remember(pid: Int32, binary: String) {
        guard let dir = env["VIGIL_E2E_PIDDIR"] else { return }
        try? "\(pid)\n\(binary)\n".write(toFile: "\(dir)/\(pid).pid", atomically: true, encoding: .utf8)
    }
}

struct PeerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A started process that is terminated when the test is done with it.
final class PeerProcess: @unchecked Sendable {
    let process = Process()

    init(_ path: String, _ arguments: [String], log: String) throws {
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = FileHandle(forWritingAtPath: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        Peers.remember(pid: process.processIdentifier, binary: path)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
