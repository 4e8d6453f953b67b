import Foundation
import VigilCore

/// A container as the Engine API lists it.
public struct DockerContainer: Sendable, Hashable {
    public var id: String
    public var names: [String]
    public var image: String
    /// `running`, `exited`, `created`, …
    public var state: String
    public var labels: [String: String]
}

public struct DockerError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var message: String
    public var description: String { "docker engine answered \(status): \(message)" }
}

/// The Docker Engine API over its unix socket (through the `HTTPTransport` port; AsyncHTTPClient speaks
/// `http+unix`): list by labels, inspect, start, stop, restart, and scale a compose service by cloning or
/// removing its containers.
///
/// ```swift
/// let docker = DockerEngine(socketPath: "/run/docker.sock", transport: AsyncHTTPTransport())
/// try await docker.restart("web-1")
/// ```
public struct DockerEngine: Sendable {
    public var socketPath: String
    public var transport: any HTTPTransport
    public var timeout: Duration

    public init(socketPath: String = "/var/run/docker.sock", transport: any HTTPTransport, timeout: Duration = .seconds(60)) {
        self.socketPath = socketPath
        self.transport = transport
        self.timeout = timeout
    }

    var base: String {
        "http+unix://" + (socketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socketPath)
    }

    func call(_ method: String, _ path: String, body: Any? = nil, accept: Set<Int> = [200, 201, 204, 304]) async throws -> Any? {
        var headers: [(String, String)] = [("Host", "docker")]
        var bytes: [UInt8] = []
        if let body {
            bytes = Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
            headers.append(("Content-Type", "application/json"))
        }
        let r = try await transport.send(HTTPRequestSpec(method: method, url: base + path, headers: headers, body: bytes,
                                                          timeout: timeout))
        let json = r.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(r.body), options: [.fragmentsAllowed])
        guard accept.contains(r.status) else {
            let message = (json as? [String: Any])?["message"] as? String ?? String(decoding: r.body.prefix(300), as: UTF8.self)
            throw DockerError(status: r.status, message: message)
        }
        return json
    }

    public func version() async throws -> String {
        (try await call("GET", "/version") as? [String: Any])?["Version"] as? String ?? "?"
    }

    /// Containers whose labels include every given pair (all states when `all`).
    public func containers(labels: [String: String] = [:], all: Bool = true) async throws -> [DockerContainer] {
        var path = "/containers/json?all=\(all ? 1 : 0)"
        if !labels.isEmpty {
            let filters = ["label": labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }]
            let text = String(decoding: try JSONSerialization.data(withJSONObject: filters), as: UTF8.self)
            path += "&filters=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text)
        }
        let list = try await call("GET", path) as? [[String: Any]] ?? []
        return list.map { c in
            DockerContainer(id: c["Id"] as? String ?? "", names: (c["Names"] as? [String] ?? []).map { String($0.drop { $0 == "/" }) },
                            image: c["Image"] as? String ?? "", state: c["State"] as? String ?? "",
                            labels: c["Labels"] as? [String: String] ?? [:])
        }
    }

    /// The raw inspection document of a container (by ID or name).
    public func inspect(_ id: String) async throws -> [String: Any] {
        try await call("GET", "/containers/\(escape(id))/json") as? [String: Any] ?? [:]
    }

    public func isRunning(_ id: String) async throws -> Bool {
        ((try await inspect(id))["State"] as? [String: Any])?["Running"] as? Bool ?? false
    }

    public func start(_ id: String) async throws { _ = try await call("POST", "/containers/\(escape(id))/start") }
    public func stop(_ id: String, timeout: Int = 10) async throws {
        _ = try await call("POST", "/containers/\(escape(id))/stop?t=\(timeout)")
    }
    public func restart(_ id: String, timeout: Int = 10) async throws {
        _ = try await call("POST", "/containers/\(escape(id))/restart?t=\(timeout)")
    }

    func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? s }
}

extension DockerEngine {
    /// Removes dangling images; returns the bytes reclaimed.
    public func pruneImages() async throws -> Int {
        let filters = #"{"dangling":["true"]}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let answer = try await call("POST", "/images/prune?filters=\(filters)") as? [String: Any]
        return answer?["SpaceReclaimed"] as? Int ?? 0
    }
}
