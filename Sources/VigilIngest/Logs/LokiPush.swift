import Foundation
import VigilCore

/// Limits for log bodies.
public struct LogLimits: Sendable, Hashable {
    public var maxBodyBytes: Int
    public var maxDecompressedBytes: Int
    public var maxLineBytes: Int
    public var maxLinesPerRequest: Int

    public init(maxBodyBytes: Int = 8 << 20, maxDecompressedBytes: Int = 64 << 20, maxLineBytes: Int = 256 << 10,
                maxLinesPerRequest: Int = 200_000) {
        self.maxBodyBytes = maxBodyBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxLineBytes = maxLineBytes
        self.maxLinesPerRequest = maxLinesPerRequest
    }
}

/// Decodes Loki's push API (`POST /loki/api/v1/push`) in both encodings
/// shippers send: JSON, and protobuf compressed with snappy (Promtail's and
/// Grafana Alloy's default).
public enum LokiPush {
    // MARK: protobuf

    public static func decodeProtobuf(_ body: [UInt8], limits: LogLimits) throws(IngestError) -> [LogRecord] {
        let raw: [UInt8]
        do { raw = try Snappy.decompress(body, maxOutput: limits.maxDecompressedBytes) } catch {
            throw error.reason.contains("exceeds") ? IngestError(status: 413, message: error.description) : .malformed(error.description)
        }
        var out: [LogRecord] = []
        do {
            var req = ProtobufReader(raw[...])
            var streamIndex = 0
            while !req.atEnd {
                let (field, wire) = try req.tag()
                guard field == 1, wire == 2 else { try req.skip(wire: wire); continue }
                try decodeStream(try req.lengthDelimited(), index: streamIndex, limits: limits, into: &out)
                streamIndex += 1
            }
        } catch let e as ProtobufReader.Malformed {
            throw .malformed("protobuf: \(e.reason)")
        } catch let e as IngestError {
            throw e
        } catch {
            throw .malformed("protobuf: \(error)")
        }
        return out
    }

    private static func decodeStream(_ bytes: ArraySlice<UInt8>, index: Int, limits: LogLimits,
                                     into out: inout [LogRecord]) throws -> Void {
        var r = ProtobufReader(bytes)
        var labelText = ""
        var entries: [(Date, String)] = []
        while !r.atEnd {
            let (field, wire) = try r.tag()
            switch (field, wire) {
            case (1, 2):
                guard let s = String(validating: try r.lengthDelimited(), as: UTF8.self) else {
                    throw IngestError.invalid("streams[\(index)].labels: not valid UTF-8")
                }
                labelText = s
            case (2, 2):
                entries.append(try decodeEntry(try r.lengthDelimited(), stream: index, entry: entries.count, limits: limits))
                guard out.count + entries.count <= limits.maxLinesPerRequest else {
                    throw IngestError.invalid("more than \(limits.maxLinesPerRequest) lines in one request")
                }
            default:
                try r.skip(wire: wire)
            }
        }
        let labels = try parseLabels(labelText, field: "streams[\(index)].labels")
        let base = LogRecord(time: .distantPast, message: "", streamLabels: labels)
        for (t, line) in entries { out.append(base.with(time: t, message: line)) }
    }

    private static func decodeEntry(_ bytes: ArraySlice<UInt8>, stream: Int, entry: Int,
                                    limits: LogLimits) throws -> (Date, String) {
        var r = ProtobufReader(bytes)
        var seconds: Int64 = 0
        var nanos: Int64 = 0
        var line = ""
        while !r.atEnd {
            let (field, wire) = try r.tag()
            switch (field, wire) {
            case (1, 2):
                var ts = ProtobufReader(try r.lengthDelimited())
                while !ts.atEnd {
                    let (f, w) = try ts.tag()
                    if f == 1, w == 0 { seconds = Int64(bitPattern: try ts.varint()) }
                    else if f == 2, w == 0 { nanos = Int64(bitPattern: try ts.varint()) }
                    else { try ts.skip(wire: w) }
                }
            case (2, 2):
                let bytes = try r.lengthDelimited()
                guard bytes.count <= limits.maxLineBytes else {
                    throw IngestError.invalid("streams[\(stream)].entries[\(entry)].line: longer than \(limits.maxLineBytes) bytes")
                }
                guard let s = String(validating: bytes, as: UTF8.self) else {
                    throw IngestError.invalid("streams[\(stream)].entries[\(entry)].line: not valid UTF-8")
                }
                line = s
            default:
                try r.skip(wire: wire)
            }
        }
        return (Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9), line)
    }

    /// Parses a stream selector such as `{job="api", host="a"}`.
    static func parseLabels(_ text: String, field: String) throws(IngestError) -> LabelSet {
        let matchers: [Matcher]
        do { matchers = try Matcher.parseList(text) } catch { throw .invalid("\(field): \(error.message)") }
        var out: LabelSet = [:]
        for m in matchers {
            guard m.operation == .equal else { throw .invalid("\(field): only name=\"value\" pairs are allowed") }
            out[m.name] = m.value
        }
        return out
    }

    // MARK: JSON

    struct JSONPush: Decodable {
        struct Stream: Decodable {
            var stream: [String: String]?
            var values: [Entry]
        }

        /// `["<unix ns>", "line"]` or `["<unix ns>", "line", {structured metadata}]`.
        struct Entry: Decodable {
            var nanos: String
            var line: String
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                nanos = try c.decode(String.self)
                line = try c.decode(String.self)
            }
        }

        var streams: [Stream]
    }

    public static func decodeJSON(_ body: [UInt8], limits: LogLimits) throws(IngestError) -> [LogRecord] {
        let push = try JSONBody.decode(JSONPush.self, from: body)
        var out: [LogRecord] = []
        for (si, s) in push.streams.enumerated() {
            let base = LogRecord(time: .distantPast, message: "", streamLabels: s.stream ?? [:])
            for (ei, e) in s.values.enumerated() {
                guard let ns = Int64(e.nanos) else {
                    throw .invalid("streams[\(si)].values[\(ei)][0]: expected a Unix time in nanoseconds as a string")
                }
                guard e.line.utf8.count <= limits.maxLineBytes else {
                    throw .invalid("streams[\(si)].values[\(ei)][1]: longer than \(limits.maxLineBytes) bytes")
                }
                out.append(base.with(time: Date(timeIntervalSince1970: Double(ns) / 1e9), message: e.line))
                guard out.count <= limits.maxLinesPerRequest else {
                    throw .invalid("more than \(limits.maxLinesPerRequest) lines in one request")
                }
            }
        }
        return out
    }
}
