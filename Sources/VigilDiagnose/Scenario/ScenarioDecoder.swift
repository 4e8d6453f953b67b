import Foundation
import VigilCore

/// Why a scenario could not be read: what is wrong and where (a JSON path such as `topology[2].kind`).
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Decodes the scenario format of `shared/scenarios/README.md` from bytes.
///
/// ```swift
/// let scenario = try ScenarioDecoder.decode(data)
/// ```
public enum ScenarioDecoder {
    public static func decode(_ data: Data) throws(ScenarioError) -> Scenario {
        let file: ScenarioFile
        do {
            file = try JSONDecoder().decode(ScenarioFile.self, from: data)
        } catch let error as DecodingError {
            throw ScenarioError(decoding: error)
        } catch {
            throw ScenarioError(path: "", message: "not valid JSON")
        }
        return try file.scenario()
    }
}

extension ScenarioError {
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(path: Self.path(context.codingPath + [key]), message: "missing")
        case .typeMismatch(let type, let context):
            self.init(path: Self.path(context.codingPath), message: "expected \(type)")
        case .valueNotFound(let type, let context):
            self.init(path: Self.path(context.codingPath), message: "expected \(type), found null")
        case .dataCorrupted(let context):
            let detail = context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
            self.init(path: Self.path(context.codingPath), message: context.codingPath.isEmpty ? "not valid JSON (\(detail))" : detail)
        @unknown default:
            self.init(path: "", message: "\(error)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }
}
