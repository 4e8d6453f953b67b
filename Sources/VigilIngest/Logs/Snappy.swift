/// Snappy block-format decompression (no framing), as Promtail and Grafana
/// Alloy compress Loki push bodies.
public enum Snappy {
    public struct CorruptInput: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { "snappy: \(reason)" }
    }

    /// Decompresses `input`, refusing output larger than `maxOutput` bytes.
    public static func decompress(_ input: [UInt8], maxOutput: Int) throws(CorruptInput) -> [UInt8] {
        var pos = 0
        // Preamble: uncompressed length as a varint.
        var length = 0
        var shift = 0
        while true {
            guard pos < input.count, shift <= 28 else { throw CorruptInput(reason: "bad length preamble") }
            let b = input[pos]
            pos += 1
            length |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        guard length <= maxOutput else { throw CorruptInput(reason: "decompressed size \(length) exceeds the limit of \(maxOutput)") }
        var out: [UInt8] = []
        out.reserveCapacity(length)
        while pos < input.count {
            let tag = input[pos]
            pos += 1
            switch tag & 0x03 {
            case 0: // literal
                var len = Int(tag >> 2)
                if len >= 60 {
                    let extra = len - 59
                    guard pos + extra <= input.count else { throw CorruptInput(reason: "truncated literal length") }
                    len = 0
                    for i in 0..<extra { len |= Int(input[pos + i]) << (8 * i) }
                    pos += extra
                }
                len += 1
                guard pos + len <= input.count else { throw CorruptInput(reason: "truncated literal") }
                guard out.count + len <= length else { throw CorruptInput(reason: "output longer than declared") }
                out.append(contentsOf: input[pos..<(pos + len)])
                pos += len
            case 1: // copy, 1-byte offset
                guard pos < input.count else { throw CorruptInput(reason: "truncated copy") }
                let len = Int((tag >> 2) & 0x07) + 4
                let offset = (Int(tag >> 5) << 8) | Int(input[pos])
                pos += 1
                try copy(&out, offset: offset, length: len, limit: length)
            case 2: // copy, 2-byte offset
                guard pos + 2 <= input.count else { throw CorruptInput(reason: "truncated copy") }
                let offset = Int(input[pos]) | Int(input[pos + 1]) << 8
                pos += 2
                try copy(&out, offset: offset, length: Int(tag >> 2) + 1, limit: length)
            default: // copy, 4-byte offset
                guard pos + 4 <= input.count else { throw CorruptInput(reason: "truncated copy") }
                var offset = 0
                for i in 0..<4 { offset |= Int(input[pos + i]) << (8 * i) }
                pos += 4
                try copy(&out, offset: offset, length: Int(tag >> 2) + 1, limit: length)
            }
        }
        guard out.count == length else { throw CorruptInput(reason: "output shorter than declared") }
        return out
    }

    private static func copy(_ out: inout [UInt8], offset: Int, length: Int, limit: Int) throws(CorruptInput) {
        guard offset > 0, offset <= out.count else { throw CorruptInput(reason: "copy offset out of range") }
        guard out.count + length <= limit else { throw CorruptInput(reason: "output longer than declared") }
        let start = out.count - offset
        for i in 0..<length { out.append(out[start + i]) } // may overlap: byte by byte
    }
}
