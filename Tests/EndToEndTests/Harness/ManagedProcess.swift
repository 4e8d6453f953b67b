#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

struct ProcessError: Error, CustomStringConvertible {
    let description: String
}

/// A child process started with Foundation's `Process`, its stdout and stderr captured to
/// files in a log directory, and guaranteed to be gone afterwards:
/// - `stop()` sends SIGTERM, waits, then SIGKILL; `kill9()` kills at once;
/// - `deinit` and an `atexit` hook SIGKILL anything still running;
/// - the pid is recorded in `$VIGIL_E2E_PIDDIR` for `scripts/test.sh` to reap after a crash.
final class ManagedProcess: @unchecked Sendable {
    let name: String
    let executable: String
    let arguments: [String]
    let stdoutURL: URL
    let stderrURL: URL

    private let process = Process()
    private let lock = NSLock()
    private var started = false
    private var pidFile: String?

    init(
        name: String,
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        logDirectory: URL,
        workingDirectory: URL? = nil
    ) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        let stem = name.replacingOccurrences(of: "/", with: "_")
        self.stdoutURL = logDirectory.appendingPathComponent("\(stem).stdout.log")
        self.stderrURL = logDirectory.appendingPathComponent("\(stem).stderr.log")
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    }

    deinit {
        if started, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { lock.withLock { started } && process.isRunning }
    /// Exit status (or signal number) once the process has exited.
    var terminationStatus: Int32? { process.isRunning ? nil : process.terminationStatus }
    var terminatedBySignal: Bool { !process.isRunning && process.terminationReason == .uncaughtSignal }

    func start() throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ProcessError(description: "\(name): not an executable file: \(executable)")
        }
        // A file appended to across restarts of the same name keeps the whole story.
        for url in [stdoutURL, stderrURL] where !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let out = try FileHandle(forWritingTo: stdoutURL)
        let err = try FileHandle(forWritingTo: stderrURL)
        out.seekToEndOfFile()
        err.seekToEndOfFile()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try runWithCleanSignalMask()
        try? out.close()
        try? err.close()
        lock.withLock { started = true }
        LiveProcesses.shared.add(self)
        if let dir = E2EEnvironment.pidDirectory {
            let path = "\(dir)/\(process.processIdentifier).pid"
            _ = FileManager.default.createFile(
                atPath: path, contents: Data("\(process.processIdentifier)\n\(executable)\n".utf8))
            lock.withLock { pidFile = path }
        }
    }

    /// posix_spawn copies the calling thread's signal mask into the child, and Swift
    /// concurrency's worker threads block most signals (SIGTERM, SIGINT, …): a server
    /// spawned from one would never see SIGTERM. Spawn from a fresh thread with an empty
    /// mask instead, as a shell would.
    private func runWithCleanSignalMask() throws {
        final class Outcome: @unchecked Sendable { var error: (any Error)? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let process = self.process
        let thread = Thread {
            var empty = sigset_t()
            sigemptyset(&empty)
            pthread_sigmask(SIG_SETMASK, &empty, nil)
            do { try process.run() } catch { outcome.error = error }
            done.signal()
        }
        thread.start()
        done.wait()
        if let error = outcome.error { throw error }
    }

    /// Sends `signal` (SIGTERM by default), waits up to `grace`, then SIGKILLs.
    /// Returns the exit status; `nil` if it had to be killed.
    @discardableResult
    func stop(signal sig: Int32 = SIGTERM, grace: Double = 10) -> Int32? {
        guard lock.withLock({ started }) else { return nil }
        defer { forget() }
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, sig)
        if waitForExitBlocking(timeout: grace) {
            return process.terminationReason == .exit ? process.terminationStatus : nil
        }
        kill(process.processIdentifier, SIGKILL)
        _ = waitForExitBlocking(timeout: 10)
        return nil
    }

    /// `kill -9`, then waits until the kernel has reaped it.
    func kill9() {
        guard lock.withLock({ started }) else { return }
        defer { forget() }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = waitForExitBlocking(timeout: 10)
    }

    /// Waits for the process to exit on its own.
    func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        forget()
        return true
    }

    private func waitForExitBlocking(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    private func forget() {
        LiveProcesses.shared.remove(self)
        if let path = lock.withLock({ () -> String? in defer { pidFile = nil }; return pidFile }) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// The last `lines` lines of stdout and stderr, for failure messages.
    func logTail(lines: Int = 40) -> String {
        func tail(_ s: String) -> String {
            s.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
        }
        var text = "── \(name) (pid \(process.processIdentifier), \(isRunning ? "running" : "exited \(process.terminationStatus)")) ──\n"
        let out = tail(stdout), err = tail(stderr)
        if !out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { text += "[stdout]\n\(out)\n" }
        if !err.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { text += "[stderr]\n\(err)\n" }
        return text
    }
}

/// Every process the harness started and has not yet seen exit; SIGKILLed at exit of the
/// test process so a failing or trapping test never leaves a server behind.
final class LiveProcesses: @unchecked Sendable {
    static let shared: LiveProcesses = {
        let live = LiveProcesses()
        atexit { LiveProcesses.shared.killAll() }
        return live
    }()

    private let lock = NSLock()
    private var pids: [ObjectIdentifier: Int32] = [:]

    func add(_ p: ManagedProcess) { lock.withLock { pids[ObjectIdentifier(p)] = p.pid } }
    func remove(_ p: ManagedProcess) { _ = lock.withLock { pids.removeValue(forKey: ObjectIdentifier(p)) } }
    func killAll() {
        for pid in lock.withLock({ Array(pids.values) }) where pid > 0 { kill(pid, SIGKILL) }
    }
}

/// Runs a command to completion (bounded by `timeout`) and returns its exit status and output.
struct CommandResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
    var output: String { stdout + stderr }
}

func runCommand(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    in directory: URL, timeout: Duration = .seconds(60)
) async throws -> CommandResult {
    let p = ManagedProcess(
        name: "cmd-\(UUID().uuidString.prefix(8))", executable: executable, arguments: arguments,
        environment: environment, logDirectory: directory, workingDirectory: directory)
    try p.start()
    guard await p.waitForExit(timeout: timeout) else {
        p.kill9()
        throw ProcessError(description: "\(executable) \(arguments.joined(separator: " ")) did not exit within \(timeout)\n\(p.logTail())")
    }
    return CommandResult(status: p.terminationStatus ?? -1, stdout: p.stdout, stderr: p.stderr)
}
