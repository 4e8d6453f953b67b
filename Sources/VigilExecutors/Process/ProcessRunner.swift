import Foundation
import VigilCore
#if canImport(Glibc)
import Glibc
#endif
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs one program with arguments (never through a shell), streams its output line by line (standard error merged
/// in), and stops it when its time is up or the calling task is cancelled: SIGTERM, then SIGKILL after `grace`.
///
/// ```swift
/// let r = try await ProcessRunner().run("/usr/bin/env", ["echo", "hi"]) { line in print(line) }
/// r.succeeded // true
/// ```
public struct ProcessRunner: Sendable {
    public struct Outcome: Sendable, Hashable {
        /// The exit code, or nil when a signal ended it.
        public var exitCode: Int32?
        public var signal: Int32?
        public var timedOut: Bool
        /// The last lines of output (at most `keepLines`), already passed through `redact`.
        public var tail: [String]
        public var succeeded: Bool { exitCode == 0 && !timedOut }
    }

    public struct NotExecutable: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path) is not an executable file" }
    }

    /// Applied to every line before anyone sees it (a secret redactor).
    public var redact: @Sendable (String) -> String
    public var grace: Duration
    public var keepLines: Int

    public init(redact: @escaping @Sendable (String) -> String = { $0 }, grace: Duration = .seconds(3), keepLines: Int = 400) {
        self.redact = redact
        self.grace = grace
        self.keepLines = keepLines
    }

    public func run(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                    workingDirectory: String? = nil, timeout: Duration = .seconds(300),
                    onLine: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw NotExecutable(path: path) }
        var platform = PlatformOptions()
        platform.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: grace)]
        platform.processGroupID = 0
        let options = platform
        var updates: [Environment.Key: String?] = [:]
        for (k, v) in environment { updates[Environment.Key(stringLiteral: k)] = v }
        let env = updates
        let redact = self.redact
        let tail = LineTail(keep: keepLines)
        let reaper = Reaper(grace: grace)
        // The deadline runs on a Dispatch timer, not on the cooperative pool, so it fires on time even when every
        // pool thread is busy.
        let deadline = DispatchWorkItem { reaper.timeUp() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout.timeInterval, execute: deadline)
        defer { deadline.cancel() }

        return try await withThrowingTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                let result = try await Subprocess.run(
                    .path(FilePath(path)), arguments: Arguments(arguments), environment: .inherit.updating(env),
                    workingDirectory: workingDirectory.map { FilePath($0) }, platformOptions: options,
                    input: .none, output: .sequence, error: .combinedWithOutput
                ) { execution in
                    reaper.started(execution.processIdentifier.value)
                    for try await raw in execution.standardOutput.strings() {
                        let line = redact(raw.hasSuffix("\n") ? String(raw.dropLast()) : raw)
                        onLine(line)
                        tail.append(line)
                    }
                }
                switch result.terminationStatus {
                case .exited(let code):
                    return Outcome(exitCode: code, signal: nil, timedOut: reaper.fired, tail: tail.lines)
                case .signaled(let signal):
                    return Outcome(exitCode: nil, signal: signal, timedOut: reaper.fired, tail: tail.lines)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            if let first {
                group.cancelAll()
                return first
            }
            // Signal the process group ourselves too: a cancellation that lands while the process is still being
            // spawned would otherwise go unnoticed by it.
            reaper.timeUp()
            group.cancelAll()
            // Time is up: the cancelled run tears the process down; report what it printed.
            _ = try? await group.next()
            return Outcome(exitCode: nil, signal: 15, timedOut: true, tail: tail.lines)
        }
    }
}

/// The last lines of a process's output, shared between the reader and whoever reports a timeout.
final class LineTail: Sendable {
    private let state: Mutex<[String]>
    let keep: Int

    init(keep: Int) {
        self.keep = keep
        state = Mutex([])
    }

    func append(_ line: String) {
        state.withLock { lines in
            lines.append(line)
            if lines.count > keep { lines.removeFirst(lines.count - keep) }
        }
    }

    var lines: [String] { state.withLock { $0 } }
}

/// Stops a timed-out process group: SIGTERM, then SIGKILL after the grace period, whether the time ran out before
/// or after the process was spawned.
final class Reaper: Sendable {
    private let state = Mutex<(pid: pid_t?, timeUp: Bool)>((nil, false))
    let grace: Duration

    init(grace: Duration) { self.grace = grace }

    func started(_ pid: pid_t) {
        let kill = state.withLock { s in
            s.pid = pid
            return s.timeUp
        }
        if kill { stop(pid) }
    }

    var fired: Bool { state.withLock { $0.timeUp } }

    func timeUp() {
        let pid = state.withLock { s in
            s.timeUp = true
            return s.pid
        }
        if let pid { stop(pid) }
    }

    private func stop(_ pid: pid_t) {
        Glibc.kill(-pid, SIGTERM)
        Glibc.kill(pid, SIGTERM)
        let grace = self.grace
        Task.detached {
            try? await Task.sleep(for: grace)
            Glibc.kill(-pid, SIGKILL)
            Glibc.kill(pid, SIGKILL)
        }
    }
}
