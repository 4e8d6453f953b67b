import Foundation

/// One test's scratch directory plus the processes it started. `close()` (call it in a
/// `defer`) stops every process in reverse start order and removes the directory unless
/// `VIGIL_E2E_KEEP=1`.
final class Workspace: @unchecked Sendable {
    let root: URL
    private let lock = NSLock()
    private var processes: [ManagedProcess] = []

    init(_ label: String) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-e2e", isDirectory: true)
        root = base.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func path(_ component: String) -> URL { root.appendingPathComponent(component) }

    func directory(_ component: String) throws -> URL {
        let url = root.appendingPathComponent(component, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes atomically (temp file + rename), so watchers never see half a file.
    func write(_ text: String, to component: String) throws -> URL {
        let url = path(component)
        try Data(text.utf8).write(to: url, options: .atomic)
        return url
    }

    func launch(
        _ name: String, _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> ManagedProcess {
        let p = ManagedProcess(
            name: name, executable: executable, arguments: arguments, environment: environment,
            logDirectory: root, workingDirectory: root)
        lock.withLock { processes.append(p) }
        try p.start()
        return p
    }

    /// Log tails of every process started here, for failure messages.
    func diagnostics(lines: Int = 40) -> String {
        let all = lock.withLock { processes }
        var seen = Set<String>()
        // the latest process of each name (a restart appends to the same log files)
        return all.reversed().filter { seen.insert($0.name).inserted }.reversed()
            .map { $0.logTail(lines: lines) }.joined(separator: "\n") + "\n(workspace: \(root.path))"
    }

    func close() {
        let all = lock.withLock { processes }
        for p in all.reversed() { p.stop(grace: 10) }
        if !E2EEnvironment.keepTempDirs {
            try? FileManager.default.removeItem(at: root)
        }
    }
}
