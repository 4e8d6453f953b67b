/// A small, strict JSON parser over UTF-8 bytes for the hot ingest path.
/// It only has to be right and fast on valid input: when it fails, callers
/// fall back to `JSONDecoder`, whose errors name the offending field.
enum FastJSON: Sendable, Equatable {
    case object([(String, FastJSON)])
    case array([FastJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (a: FastJSON, b: FastJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    struct Invalid: Error {}

    /// Parses a whole document; nil when it is not valid JSON (or nests deeper than 64).
    static func parse(_ bytes: [UInt8]) -> FastJSON? {
        bytes.withUnsafeBufferPointer { buf in
            var p = Parser(b: buf, i: 0)
            guard let v = try? p.value(depth: 0) else { return nil }
            p.skipSpace()
            return p.i == buf.count ? v : nil
        }
    }

    var stringMap: [String: String]? {
        guard case .object(let members) = self else { return nil }
        var out: [String: String] = [:]
        out.reserveCapacity(members.count)
        for (k, v) in members {
            guard case .string(let s) = v, out.updateValue(s, forKey: k) == nil else { return nil }
            out[k] = s
        }
        return out
    }

    subscript(key: String) -> FastJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    private struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i: Int

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) throws(Invalid) -> FastJSON {
            guard depth < 64 else { throw Invalid() }
            skipSpace()
            guard i < b.count else { throw Invalid() }
            switch b[i] {
            case 0x7B: return try object(depth: depth)
            case 0x5B: return try array(depth: depth)
            case 0x22: return .string(try string())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6E: try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: StaticString) throws(Invalid) {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { throw Invalid() }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { throw Invalid() }
            i += n
        }

        mutating func object(depth: Int) throws(Invalid) -> FastJSON {
            i += 1
            var members: [(String, FastJSON)] = []
            skipSpace()
            if i < b.count, b[i] == 0x7D { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < b.count, b[i] == 0x22 else { throw Invalid() }
                let key = try string()
                skipSpace()
                guard i < b.count, b[i] == 0x3A else { throw Invalid() }
                i += 1
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard i < b.count else { throw Invalid() }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x7D { i += 1; return .object(members) }
                throw Invalid()
            }
        }

        mutating func array(depth: Int) throws(Invalid) -> FastJSON {
            i += 1
            var items: [FastJSON] = []
            skipSpace()
            if i < b.count, b[i] == 0x5D { i += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < b.count else { throw Invalid() }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x5D { i += 1; return .array(items) }
                throw Invalid()
            }
        }

        mutating func string() throws(Invalid) -> String {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < b.count, b[i] != 0x22, b[i] != 0x5C {
                guard b[i] >= 0x20 else { throw Invalid() }
                i += 1
            }
            guard i < b.count else { throw Invalid() }
            if b[i] == 0x22 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            var out = Array(b[start..<i])
            while i < b.count {
                let c = b[i]
                if c == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
                guard c >= 0x20 else { throw Invalid() }
                if c != 0x5C { out.append(c); i += 1; continue }
                guard i + 1 < b.count else { throw Invalid() }
                let e = b[i + 1]
                i += 2
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { throw Invalid() }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Invalid() }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw Invalid()
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw Invalid() }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw Invalid()
                }
            }
            throw Invalid()
        }

        mutating func hex4() throws(Invalid) -> UInt32 {
            guard i + 4 <= b.count else { throw Invalid() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x37)
                case 0x61...0x66: d = UInt32(c - 0x57)
                default: throw Invalid()
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func number() throws(Invalid) -> Double {
            let start = i
            if i < b.count, b[i] == 0x2D { i += 1 }
            while i < b.count, (0x30...0x39).contains(b[i]) || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 || b[i] == 0x2B || b[i] == 0x2D {
                i += 1
            }
            guard i > start, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) else {
                throw Invalid()
            }
            return d
        }
    }
}
