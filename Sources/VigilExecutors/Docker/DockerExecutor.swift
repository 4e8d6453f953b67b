import Foundation
import VigilCore

/// Docker steps through the Engine API. `target` is the host whose engine to use (each host maps to an engine; a
/// host without one is refused); `action` is `restart`, `stop`, `start` or `inspect` a container
/// (`parameters["container"]`), `scale` a compose service (`parameters["service"]`, `replicas` absolute or `+1`/`-1`),
/// or `image-prune` (dangling images). Check mode inspects and says what would happen.
public struct DockerExecutor: Executor {
    public var kind: ExecutorKind { .docker }
    /// The engine of each host by name.
    public var engines: [String: DockerEngine]

    public init(engines: [String: DockerEngine]) { self.engines = engines }

    public static let actions: Set<String> = ["restart", "stop", "start", "scale", "inspect", "image-prune"]

    public func run(_ step: PlanStep, mode: ExecutionMode, context: ExecutionContext) -> AsyncThrowingStream<ExecutionEvent, any Error> {
        ExecutorStream.make { emit in
            guard Self.actions.contains(step.action) else {
                throw ExecutionError.unavailable("docker action '\(step.action)' is not one of \(Self.actions.sorted().joined(separator: ", "))")
            }
            var changed = false
            var diffs: [String] = []
            for host in step.hosts.isEmpty ? [""] : step.hosts {
                guard let engine = engines[host] ?? (step.hosts.isEmpty ? engines.values.first : nil) else {
                    throw ExecutionError.unavailable("no Docker engine for host '\(host)' (executors.docker.hosts)")
                }
                do {
                    let r = try await DockerStep(step: step, engine: engine, host: host, emit: emit).run(mode)
                    changed = changed || r.changed
                    if let d = r.diff { diffs.append(d) }
                } catch let e as DockerError {
                    emit(context.redact("\(host): \(e.description)"))
                    return ExecutionResult(exitStatus: 1, changed: changed ? true : nil)
                }
            }
            return ExecutionResult(exitStatus: 0, changed: changed, diff: diffs.isEmpty ? nil : diffs.joined(separator: "\n"))
        }
    }
}

/// One Docker step on one engine.
struct DockerStep {
    let step: PlanStep
    let engine: DockerEngine
    let host: String
    let emit: @Sendable (String) -> Void

    func run(_ mode: ExecutionMode) async throws -> (changed: Bool, diff: String?) {
        switch step.action {
        case "scale": return try await scale(mode)
        case "image-prune":
            if mode == .check { return (true, "\(host): would remove dangling images") }
            let freed = try await engine.pruneImages()
            emit("\(host): removed dangling images, \(freed) bytes freed")
            return (freed > 0, nil)
        default: return try await container(mode)
        }
    }

    private func container(_ mode: ExecutionMode) async throws -> (changed: Bool, diff: String?) {
        let name = step.parameters["container"] ?? step.parameters["service"] ?? step.target
        let state = try await engine.inspect(name)["State"] as? [String: Any] ?? [:]
        let status = state["Status"] as? String ?? "unknown"
        emit("\(host)/\(name): \(status), started \(state["StartedAt"] as? String ?? "?")")
        if step.action == "inspect" { return (false, nil) }
        if mode == .check { return (true, "\(host): would \(step.action) container \(name) (now \(status))") }
        switch step.action {
        case "restart": try await engine.restart(name)
        case "stop": try await engine.stop(name)
        default: try await engine.start(name)
        }
        emit("\(host)/\(name): \(step.action) done, running \(try await engine.isRunning(name))")
        return (true, nil)
    }

    private func scale(_ mode: ExecutionMode) async throws -> (changed: Bool, diff: String?) {
        guard let service = step.parameters["service"] else { throw DockerError(status: 400, message: "scale needs parameters.service") }
        let running = try await engine.containers(labels: ["com.docker.compose.service": service], all: false).count
        guard let want = Self.replicas(step.parameters["replicas"] ?? "", current: running), (0...50).contains(want) else {
            throw DockerError(status: 400, message: "scale needs parameters.replicas: a number 0–50, or +N/-N")
        }
        emit("\(host)/\(service): \(running) running, want \(want)")
        if mode == .check { return (want != running, "\(host)/\(service):\n-replicas: \(running)\n+replicas: \(want)") }
        let r = try await engine.scale(service: service, replicas: want)
        emit("\(host)/\(service): scaled \(r.before) → \(r.after) (created \(r.created.count), removed \(r.removed.count))")
        return (r.before != r.after, nil)
    }

    /// `3` → 3; `+1` → current + 1; `-1` → current − 1.
    static func replicas(_ text: String, current: Int) -> Int? {
        if text.hasPrefix("+"), let n = Int(text.dropFirst()) { return current + n }
        if text.hasPrefix("-"), let n = Int(text.dropFirst()) { return current - n }
        return Int(text)
    }
}
