import Foundation

/// Builds protobuf and snappy bytes for tests (literal-only snappy is valid snappy).
struct ProtobufWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    mutating func field(_ n: Int, bytes b: [UInt8]) {
        varint(UInt64(n << 3 | 2))
        varint(UInt64(b.count))
        bytes += b
    }

    mutating func field(_ n: Int, string: String) { field(n, bytes: Array(string.utf8)) }

    mutating func field(_ n: Int, varint v: UInt64) {
        varint(UInt64(n << 3))
        varint(v)
    }

    static func pushRequest(_ streams: [(labels: String, entries: [(seconds: Int64, nanos: Int32, line: String)])]) -> [UInt8] {
        var req = ProtobufWriter()
        for s in streams {
            var stream = ProtobufWriter()
            stream.field(1, string: s.labels)
            for e in s.entries {
                var ts = ProtobufWriter()
                ts.field(1, varint: UInt64(bitPattern: e.seconds))
                ts.field(2, varint: UInt64(e.nanos))
                var entry = ProtobufWriter()
                entry.field(1, bytes: ts.bytes)
                entry.field(2, string: e.line)
                stream.field(2, bytes: entry.bytes)
            }
            stream.field(3, varint: 12345) // hash: ignored
            req.field(1, bytes: stream.bytes)
        }
        return req.bytes
    }

    /// Snappy with only literals, in chunks of at most 60 bytes (one-byte tags) or long literals.
    static func snappyLiteral(_ input: [UInt8]) -> [UInt8] {
        var w = ProtobufWriter()
        w.varint(UInt64(input.count))
        var out = w.bytes
        var pos = 0
        while pos < input.count {
            let n = min(60, input.count - pos)
            if n == 60, input.count - pos > 60 {
                let m = min(65_536, input.count - pos)
                out.append(UInt8(61 << 2)) // 2-byte length follows
                out.append(UInt8((m - 1) & 0xFF)); out.append(UInt8((m - 1) >> 8))
                out += input[pos..<(pos + m)]
                pos += m
            } else {
                out.append(UInt8((n - 1) << 2))
                out += input[pos..<(pos + n)]
                pos += n
            }
        }
        return out
    }
}
