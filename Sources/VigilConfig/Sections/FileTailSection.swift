import Foundation

/// One entry of `ingest.files:` — a log file Vigil follows.
public struct FileTailSection: Decodable, Sendable, Hashable {
    public enum StartAt: String, Decodable, Sendable, CaseIterable { case beginning, end }

    public var path: String
    /// The service its lines belong to (default: the file name without extension).
    public var service: String?
    public var host: String?
    public var labels: [String: String] = [:]
    /// Where to start the first time the file is seen (later: where Vigil left off).
    public var startAt = StartAt.end

    enum CodingKeys: String, CodingKey, CaseIterable { case path, service, host, labels, startAt = "start_at" }

    public init(path: String, service: String? = nil, host: String? = nil, labels: [String: String] = [:],
                startAt: StartAt = .end) {
        self.path = path
        self.service = service
        self.host = host
        self.labels = labels
        self.startAt = startAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        service = try c.decodeIfPresent(String.self, forKey: .service)
        host = try c.decodeIfPresent(String.self, forKey: .host)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? labels
        startAt = try c.decodeIfPresent(StartAt.self, forKey: .startAt) ?? startAt
    }

    /// The service name lines get: the configured one, or the file's base name.
    public var serviceName: String {
        service ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    func validate(index: Int, file: String) throws(ConfigError) {
        guard path.hasPrefix("/") else {
            throw .invalid(path: "ingest.files[\(index)].path", message: "must be an absolute path, got '\(path)'", file: file)
        }
    }
}
