/// A minimal protocol-buffers wire-format reader: enough to walk messages,
/// read varints and length-delimited fields, and skip everything else.
struct ProtobufReader {
    struct Malformed: Error, Sendable { let reason: String }

    let bytes: ArraySlice<UInt8>
    var pos: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.pos = bytes.startIndex
    }

    var atEnd: Bool { pos >= bytes.endIndex }

    mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < bytes.endIndex, shift < 64 else { throw Malformed(reason: "bad varint") }
            let b = bytes[pos]
            pos += 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// The next field's number and wire type.
    mutating func tag() throws(Malformed) -> (field: Int, wire: Int) {
        let t = try varint()
        guard t >> 3 > 0, t >> 3 <= UInt64(Int32.max) else { throw Malformed(reason: "bad field number") }
        return (Int(t >> 3), Int(t & 7))
    }

    mutating func lengthDelimited() throws(Malformed) -> ArraySlice<UInt8> {
        let n = try varint()
        guard n <= UInt64(bytes.endIndex - pos) else { throw Malformed(reason: "length past the end") }
        let slice = bytes[pos..<(pos + Int(n))]
        pos += Int(n)
        return slice
    }

    mutating func skip(wire: Int) throws(Malformed) {
        switch wire {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try lengthDelimited()
        case 5: try advance(4)
        default: throw Malformed(reason: "unsupported wire type \(wire)")
        }
    }

    private mutating func advance(_ n: Int) throws(Malformed) {
        guard bytes.endIndex - pos >= n else { throw Malformed(reason: "truncated field") }
        pos += n
    }
}
