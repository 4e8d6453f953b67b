#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line's bytes with ASCII letters lowercased, searched bytewise: the
/// phrase matching runs hundreds of phrases over thousands of lines.
struct LowerText: Sendable {
    let bytes: [UInt8]
    /// A 1024-bit filter of the byte pairs in the text: a needle with a pair not in it cannot occur.
    private let pairs: [UInt64]

    init(_ text: String) {
        var b = Array(text.utf8)
        for i in b.indices where b[i] >= 65 && b[i] <= 90 { b[i] += 32 }
        var pairs = [UInt64](repeating: 0, count: 16)
        if b.count >= 2 {
            for i in 1..<b.count {
                let bit = Self.pairBit(b[i - 1], b[i])
                pairs[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        bytes = b
        self.pairs = pairs
    }

    static func pairBit(_ a: UInt8, _ b: UInt8) -> Int { (Int(a) &* 31 &+ Int(b)) & 1023 }

    /// A phrase prepared for searching.
    struct Needle: Sendable {
        let bytes: [UInt8]
        let pairBits: [Int]
        init(_ text: String) {
            var b = Array(text.utf8)
            for i in b.indices where b[i] >= 65 && b[i] <= 90 { b[i] += 32 }
            bytes = b
            pairBits = b.count >= 2 ? Array(Set((1..<b.count).map { LowerText.pairBit(b[$0 - 1], b[$0]) })) : []
        }
    }

    func contains(_ needle: Needle) -> Bool { mayContain(needle) && find(needle, from: 0) != nil }

    private func mayContain(_ needle: Needle) -> Bool {
        for bit in needle.pairBits where pairs[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        return true
    }

    /// `needle` occurs not glued to other name characters (letters, digits, `-`, `_`).
    func containsWord(_ needle: Needle) -> Bool {
        guard mayContain(needle) else { return false }
        var from = 0
        while let at = find(needle, from: from) {
            let end = at + needle.bytes.count
            // a URL path segment (`/api/v1`) is not a host name; `//api:8080` is
            let pathSegment = at >= 1 && bytes[at - 1] == 47 && (at < 2 || bytes[at - 2] != 47)
            if (at == 0 || !Self.isNameByte(bytes[at - 1])) && (end == bytes.count || !Self.isNameByte(bytes[end]))
                && !pathSegment {
                return true
            }
            from = at + 1
        }
        return false
    }

    /// A 5xx status (three digits, the first a 5, then a non-digit) right after `mark`.
    func hasServerErrorStatus(after mark: Needle) -> Bool {
        guard mayContain(mark) else { return false }
        var from = 0
        while let at = find(mark, from: from) {
            let i = at + mark.bytes.count
            if i + 3 <= bytes.count, bytes[i] == 53, Self.isDigit(bytes[i + 1]), Self.isDigit(bytes[i + 2]),
               i + 3 == bytes.count || !Self.isDigit(bytes[i + 3]) {
                return true
            }
            from = at + 1
        }
        return false
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private func find(_ needle: Needle, from: Int) -> Int? {
        let n = needle.bytes.count
        guard n > 0, bytes.count - from >= n else { return nil }
        return bytes.withUnsafeBufferPointer { hay in
            needle.bytes.withUnsafeBufferPointer { pin in
                guard let h = hay.baseAddress, let p = pin.baseAddress else { return nil }
                let first = p[0]
                var i = from
                let last = hay.count - n
                while i <= last {
                    if h[i] == first && memcmp(h + i + 1, p + 1, n - 1) == 0 { return i }
                    i += 1
                }
                return nil
            }
        }
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 45 || b == 95 || b >= 128 || (b >= 65 && b <= 90)
    }
}
