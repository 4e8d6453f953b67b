import Foundation
import SQLiteNIO
import VigilCore

/// Converting between Swift values and SQLite columns.
enum SQLCodec {
    static let encoder: JSONEncoder = {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        enc.dateEncodingStrategy = .custom { d, e in
            var c = e.singleValueContainer()
            try c.encode(RFC3339.format(d))
        }
        return enc
    }()

    static let decoder: JSONDecoder = {
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .custom { d in
            let c = try d.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = RFC3339.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "bad date \(s)")
            }
            return date
        }
        return dec
    }()

    static func json<T: Encodable>(_ value: T) -> SQLiteData {
        .text((try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null")
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ data: SQLiteData?) throws -> T {
        try decoder.decode(T.self, from: Data((data?.string ?? "null").utf8))
    }

    static func time(_ d: Date) -> SQLiteData { .float(d.timeIntervalSince1970) }
    static func time(_ d: Date?) -> SQLiteData { d.map { .float($0.timeIntervalSince1970) } ?? .null }
    static func text(_ s: String?) -> SQLiteData { s.map { .text($0) } ?? .null }

    static func date(_ d: SQLiteData?) -> Date? { d?.double.map { Date(timeIntervalSince1970: $0) } }
}

/// A row column that must be there.
struct MissingColumn: Error, CustomStringConvertible {
    let name: String
    var description: String { "store row is missing column \(name)" }
}

/// A column holding a value this version does not know.
struct UnknownValue: Error, CustomStringConvertible {
    let column: String
    let value: String
    var description: String { "store column \(column) holds an unknown value '\(value)'" }
}

extension SQLiteRow {
    func string(_ name: String) throws -> String {
        guard let s = column(name)?.string else { throw MissingColumn(name: name) }
        return s
    }
    func int(_ name: String) throws -> Int {
        guard let i = column(name)?.integer else { throw MissingColumn(name: name) }
        return Int(i)
    }
    func date(_ name: String) throws -> Date {
        guard let d = SQLCodec.date(column(name)) else { throw MissingColumn(name: name) }
        return d
    }
    func optionalDate(_ name: String) -> Date? { SQLCodec.date(column(name)) }
    func optionalString(_ name: String) -> String? { column(name)?.string }
}

/// Opaque pagination cursors: base64 of the sort key of the last row returned.
enum Cursor {
    static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
    }

    static func decode(_ cursor: String, parts: Int) throws -> [String] {
        guard let data = Data(base64Encoded: cursor), let s = String(data: data, encoding: .utf8) else { throw InvalidCursor() }
        let p = s.components(separatedBy: "\u{1F}")
        guard p.count == parts else { throw InvalidCursor() }
        return p
    }
}
