// Byte-level helpers shared by the log tokenizer, the masks and the header detector.
// Everything here works on UTF-8 bytes; multi-byte characters are treated as opaque
// non-ASCII bytes (never digits, spaces or delimiters).

/// Character classes over single UTF-8 bytes.
enum LogByte {
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c <= 32 && (0x1_0000_3E00 as UInt64) >> UInt64(c) & 1 != 0
    }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { (c &- 0x30) < 10 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { (c &- 0x41) < 26 }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { (c &- 0x61) < 26 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { ((c | 0x20) &- 0x61) < 26 }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    @inline(__always) static func isHex(_ c: UInt8) -> Bool { isDigit(c) || ((c | 0x20) &- 0x61) < 6 }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }

    /// Punctuation stripped from the front of a word before whole-word masks are tried.
    @inline(__always) static func isOpenWrap(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "<"),
             UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        default: return false
        }
    }

    /// Punctuation stripped from the end of a word before whole-word masks are tried.
    @inline(__always) static func isCloseWrap(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ">"),
             UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "."), UInt8(ascii: ":"): return true
        default: return false
        }
    }

    /// Bytes that split a word into segments for in-word masking (`size=12,` → `size=<*>,`):
    /// ``=:,;()[]{}|"'<>@#!?*&^~`$+\``. `.`, `-`, `_` and `/` are deliberately not delimiters:
    /// they glue identifiers, host names, versions and paths into one segment.
    @inline(__always) static func isSegmentDelimiter(_ c: UInt8) -> Bool {
        inMask(c, 0xFC00_1FDE_0000_0000, 0x7800_0001_7800_0001)
    }

    /// Segment delimiters, digits, `.` and `/`: the bytes that make a word need masking rules.
    @inline(__always) static func isNotable(_ c: UInt8) -> Bool {
        inMask(c, 0xFFFF_DFDE_0000_0000, 0x7800_0001_7800_0001)
    }

    @inline(__always) static func inMask(_ c: UInt8, _ low: UInt64, _ high: UInt64) -> Bool {
        if c < 64 { return (low >> UInt64(c)) & 1 != 0 }
        if c < 128 { return (high >> UInt64(c &- 64)) & 1 != 0 }
        return false
    }
}

/// Byte flags for the tokenizer's scan loop: one table load per byte.
enum ScanClass {
    static let space: UInt8 = 1, digit: UInt8 = 2, dot: UInt8 = 4, slash: UInt8 = 8,
        delimiter: UInt8 = 16, colon: UInt8 = 32, at: UInt8 = 64, high: UInt8 = 128

    static let table: [UInt8] = (0..<256).map { value -> UInt8 in
        let c = UInt8(value)
        if c >= 0x80 { return high }
        if LogByte.isSpace(c) { return space }
        if LogByte.isDigit(c) { return digit }
        if c == UInt8(ascii: ".") { return dot }
        if c == UInt8(ascii: "/") { return slash }
        if c == UInt8(ascii: ":") { return delimiter | colon }
        if c == UInt8(ascii: "@") { return delimiter | at }
        if LogByte.isSegmentDelimiter(c) { return delimiter }
        return 0
    }
}

/// Up to eight bytes, lowercased, packed little-endian into an integer: cheap membership
/// tests for short words.
enum PackedWord {
    @inline(__always) static func pack(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        for i in r.prefix(8) {
            v |= UInt64(LogByte.lower(p[i])) << shift
            shift += 8
        }
        return v
    }

    static func pack(_ s: Substring) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        for c in s.utf8.prefix(8) {
            v |= UInt64(LogByte.lower(c)) << shift
            shift += 8
        }
        return v
    }

    static func list(_ words: String) -> [UInt64] { words.split(separator: " ").map(pack) }
}

/// FNV-1a, 64 bit. Stable across processes and platforms (unlike `Hasher`), so token
/// hashes can be recomputed from persisted template text.
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always) static func step(_ h: UInt64, _ c: UInt8) -> UInt64 { (h ^ UInt64(c)) &* prime }

    /// Hash of `<*>`, the text every masked variable is replaced with.
    static let wildcard: UInt64 = hash("<*>")

    @inline(__always) static func wildcardStep(_ h: UInt64) -> UInt64 {
        step(step(step(h, 0x3C), 0x2A), 0x3E)
    }

    static func hash(_ s: String) -> UInt64 {
        var h = offset
        for c in s.utf8 { h = step(h, c) }
        return h
    }

    static func hashLowercased(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        var h = offset
        for i in r { h = step(h, LogByte.lower(p[i])) }
        return h
    }

    /// Hash of a word kept verbatim, eight bytes at a time (the FNV byte chain is latency
    /// bound). Only used for words that contain no delimiter and no masked part, whose text
    /// never coincides with a token produced by masking, so the two hash families never meet.
    @inline(__always)
    static func hashWord(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        guard let base = p.baseAddress else { return offset }
        let raw = UnsafeRawPointer(base)
        var h = offset ^ (UInt64(truncatingIfNeeded: r.count) &* 0x9E37_79B9_7F4A_7C15)
        var i = r.lowerBound
        let end = r.upperBound
        while i + 8 <= end {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < end {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < end {
                w |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }

    /// Order-dependent combination of 64-bit values (token hashes into a shape, etc.).
    @inline(__always) static func combine(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return x
    }
}
