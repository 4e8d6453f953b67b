import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import VigilCore
import VigilIngest

/// JSON in and out, with RFC 3339 dates and sorted keys.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .custom { d, enc in
            var c = enc.singleValueContainer()
            try c.encode(RFC3339.format(d))
        }
        return e
    }()

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Request {
    /// The body, refused with 413 past `limit` bytes.
    mutating func bytes(limit: Int) async throws -> [UInt8] {
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPError(.contentTooLarge, message: "request body exceeds the limit of \(limit) bytes")
        }
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let e as HTTPError where e.status == .contentTooLarge {
            throw HTTPError(.contentTooLarge, message: "request body exceeds the limit of \(limit) bytes")
        }
    }

    /// A query parameter parsed by `parse`, or a 400 naming it.
    func query<T>(_ name: String, _ parse: (String) -> T?) throws -> T? {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        guard let v = parse(raw) else { throw HTTPError(.badRequest, message: "query parameter '\(name)': invalid value '\(raw.prefix(64))'") }
        return v
    }

    func queryTime(_ name: String) throws -> Date? { try query(name) { RFC3339.parse($0) } }

    func queryLimit(default d: Int, max m: Int) throws -> Int {
        let v = try query("limit") { Int($0) } ?? d
        guard (1...m).contains(v) else { throw HTTPError(.badRequest, message: "query parameter 'limit': must be between 1 and \(m)") }
        return v
    }
}

/// Decodes a JSON request body for the API with the same field-naming errors as ingest. An empty body reads as
/// `{}` when `emptyIsObject` (for endpoints whose fields are all optional).
func decodeAPIBody<T: Decodable>(_ type: T.Type, _ request: inout Request, limit: Int = 64 * 1024,
                                 emptyIsObject: Bool = false) async throws -> T {
    var bytes = try await request.bytes(limit: limit)
    if emptyIsObject && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { bytes = Array("{}".utf8) }
    do { return try JSONBody.decode(T.self, from: bytes) } catch {
        throw HTTPError(.init(code: error.status), message: error.message)
    }
}
