import Foundation

extension DockerEngine {
    /// What a scale changed.
    public struct ScaleResult: Sendable, Hashable {
        public var before: Int
        public var after: Int
        public var created: [String]
        public var removed: [String]
    }

    /// Brings the containers labelled `com.docker.compose.service=<service>` (plus `labels`) to `replicas` running
    /// copies: stopped ones are started first, then new ones are cloned from the first (image, command,
    /// environment, labels, host config), or the newest extras are stopped and removed.
    public func scale(service: String, replicas: Int, labels: [String: String] = [:]) async throws -> ScaleResult {
        precondition(replicas >= 0)
        var match = labels
        match["com.docker.compose.service"] = service
        let existing = try await containers(labels: match)
        guard let template = existing.first else {
            throw DockerError(status: 404, message: "no container of service '\(service)' to scale")
        }
        var running = existing.filter { $0.state == "running" }
        for c in existing where c.state != "running" && running.count < replicas {
            try await start(c.id)
            running.append(c)
        }
        var created: [String] = [], removed: [String] = []
        if running.count < replicas {
            let spec = try await cloneSpec(of: template.id)
            for _ in running.count..<replicas {
                let made = try await call("POST", "/containers/create", body: spec) as? [String: Any]
                guard let id = made?["Id"] as? String else { throw DockerError(status: 500, message: "create returned no Id") }
                try await start(id)
                created.append(id)
            }
        } else if running.count > replicas {
            for c in running.suffix(running.count - replicas) {
                try await stop(c.id)
                _ = try await call("DELETE", "/containers/\(escape(c.id))?force=1")
                removed.append(c.id)
            }
        }
        return ScaleResult(before: existing.filter { $0.state == "running" }.count, after: replicas, created: created,
                           removed: removed)
    }

    private func cloneSpec(of id: String) async throws -> [String: Any] {
        let doc = try await inspect(id)
        let config = doc["Config"] as? [String: Any] ?? [:]
        var spec: [String: Any] = [:]
        for key in ["Image", "Cmd", "Entrypoint", "Env", "Labels", "WorkingDir", "User", "ExposedPorts", "Healthcheck"] {
            if let v = config[key], !(v is NSNull) { spec[key] = v }
        }
        if var host = doc["HostConfig"] as? [String: Any] {
            host["PortBindings"] = nil // a fixed host port cannot be bound twice
            spec["HostConfig"] = host
        }
        return spec
    }
}
