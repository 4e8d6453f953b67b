import Foundation

/// `server:` — where the HTTP API listens.
public struct ServerSection: Decodable, Sendable, Hashable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The URL people reach Vigil at, used in links inside notifications.
    public var externalURL: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, externalURL = "external_url"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? port
        externalURL = try c.decodeIfPresent(String.self, forKey: .externalURL)
    }

    func validate(file: String) throws(ConfigError) {
        guard (0...65535).contains(port) else {
            throw .invalid(path: "server.port", message: "must be between 0 and 65535, got \(port)", file: file)
        }
        guard !host.isEmpty else { throw .invalid(path: "server.host", message: "must not be empty", file: file) }
    }
}

/// `storage:` — where Vigil keeps its state.
public struct StorageSection: Decodable, Sendable, Hashable {
    public enum Synchronous: String, Decodable, Sendable, CaseIterable { case full, normal }

    /// Directory for the embedded SQLite database (`vigil.db`) and other state.
    public var dataDir = "./data"
    /// `full` (default) survives power loss; `normal` only process crashes, but commits faster.
    public var synchronous = Synchronous.full

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dataDir = "data_dir", synchronous
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dataDir = try c.decodeIfPresent(String.self, forKey: .dataDir) ?? dataDir
        synchronous = try c.decodeIfPresent(Synchronous.self, forKey: .synchronous) ?? synchronous
    }

    public var sqlitePath: String { (dataDir as NSString).appendingPathComponent("vigil.db") }

    func validate(file: String) throws(ConfigError) {
        guard !dataDir.isEmpty else { throw .invalid(path: "storage.data_dir", message: "must not be empty", file: file) }
    }
}

/// `logging:` — how Vigil writes its own logs (to stderr).
public struct LoggingSection: Decodable, Sendable, Hashable {
    public enum Level: String, Decodable, Sendable, CaseIterable { case trace, debug, info, notice, warning, error, critical }
    public enum Format: String, Decodable, Sendable, CaseIterable { case text, json }

    public var level = Level.info
    public var format = Format.text

    enum CodingKeys: String, CodingKey, CaseIterable { case level, format }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level = try c.decodeIfPresent(Level.self, forKey: .level) ?? level
        format = try c.decodeIfPresent(Format.self, forKey: .format) ?? format
    }
}
