import Foundation
import VigilConfig

/// Small configuration types shaped like Vigil's real ones: `CaseIterable` coding keys,
/// snake_case names, optional sections, lists of structs, dictionaries and enums.
struct TestConfig: Decodable, Equatable {
    var server: TestServer
    var correlation: TestCorrelation?
    var notify: TestNotify?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case server, correlation, notify
    }
}

struct TestServer: Decodable, Equatable {
    var host: String
    var port: UInt16
    var tls: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, tls
    }
}

enum TestSeverity: String, Decodable, CaseIterable {
    case info, warning, critical
}

struct TestCorrelation: Decodable, Equatable {
    var groupBy: [String]
    var groupWait: ConfigDuration?
    var level: TestSeverity?
    var weights: [String: Double]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case groupBy = "group_by"
        case groupWait = "group_wait"
        case level
        case weights
    }
}

struct TestNotify: Decodable, Equatable {
    var webhooks: [TestWebhook]
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case webhooks, labels
    }
}

struct TestWebhook: Decodable, Equatable {
    var name: String
    var url: URL
    var timeout: ConfigDuration?
    var maxBody: ByteSize?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, url, timeout
        case maxBody = "max_body"
    }
}

/// Every field optional or defaulted: decodes from an empty document.
struct TestDefaults: Decodable, Equatable {
    var name: String
    var retries: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, retries
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? "vigil"
        retries = try container.decodeIfPresent(Int.self, forKey: .retries)
    }
}

/// Numeric and collection odds and ends.
struct TestScalars: Decodable, Equatable {
    var small: Int8?
    var big: Int64?
    var ratio: Double?
    var names: [String?]?
    var matrix: [[Int]]?
    var size: ByteSize?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case small, big, ratio, names, matrix, size
    }
}

/// Decodes `type` from `yaml` as `vigil.yaml`.
func decodeYAML<T: Decodable>(_ type: T.Type, _ yaml: String) throws(ConfigError) -> T {
    try StrictYAMLDecoder().decode(type, from: yaml, file: "vigil.yaml")
}

/// The error decoding `yaml` fails with, or `nil` if it decodes.
func decodingError<T: Decodable>(_ type: T.Type, _ yaml: String) -> ConfigError? {
    do {
        _ = try decodeYAML(type, yaml)
        return nil
    } catch {
        return error
    }
}
