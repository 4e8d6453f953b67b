import Foundation
import VigilCore

/// Decodes a JSON body into `T`, turning every failure into an `IngestError`
/// that names the field (`alerts[3].labels`) and never echoes more than a snippet.
public enum JSONBody {
    /// RFC 3339 dates (`Date` fields); ingest types use `Timestamp` and are unaffected.
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { dec in
            let c = try dec.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = RFC3339.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s.prefix(40))' is not an RFC 3339 timestamp")
            }
            return date
        }
        return d
    }()

    /// Decodes `T` from a JSON body: 400 for bytes that are not JSON or not UTF-8, 422 naming the field otherwise.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(IngestError) -> T {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw .malformed("request body is not valid UTF-8")
        }
        guard bytes.contains(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else {
            throw .malformed("request body is empty")
        }
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw map(error)
        } catch let error as IngestError {
            throw error
        } catch {
            throw .malformed("malformed JSON")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out.isEmpty ? "body" : out
    }

    static func map(_ error: DecodingError) -> IngestError {
        switch error {
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty, ctx.underlyingError != nil { return .malformed("malformed JSON: \(ctx.debugDescription)") }
            if ctx.codingPath.isEmpty { return .malformed("malformed JSON") }
            return .invalid("\(path(ctx.codingPath)): \(ctx.debugDescription)")
        case .keyNotFound(let key, let ctx):
            return .invalid("\(path(ctx.codingPath + [key])): required field is missing")
        case .typeMismatch(let type, let ctx):
            return .invalid("\(path(ctx.codingPath)): expected \(describe(type))")
        case .valueNotFound(let type, let ctx):
            return .invalid("\(path(ctx.codingPath)): expected \(describe(type)), got null")
        @unknown default:
            return .invalid("invalid body")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        case is [String: String].Type, is [String: Any].Type: "an object of strings"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : (String(describing: type).hasPrefix("Dictionary") ? "an object" : "\(type)")
        }
    }
}

/// An RFC 3339 timestamp field; Alertmanager's zero time (`0001-01-01T00:00:00Z`) reads as absent.
struct Timestamp: Decodable {
    let date: Date?

    init(date: Date?) { self.date = date }

    /// From the text of a JSON string; nil when it is not a timestamp.
    init?(text s: String) {
        if s.isEmpty || s.hasPrefix("0001-01-01") { date = nil; return }
        guard let d = RFC3339.parse(s) else { return nil }
        date = d
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { date = nil; return }
        let s = try c.decode(String.self)
        if s.isEmpty || s.hasPrefix("0001-01-01") { date = nil; return }
        guard let d = RFC3339.parse(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s.prefix(40))' is not an RFC 3339 timestamp")
        }
        date = d
    }
}
