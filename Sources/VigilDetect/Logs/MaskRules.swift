// The default masking set, as hand-written scanners over byte ranges (no regex on the
// hot path). A masked variable is rendered `<*>`.
//
// Whole-word masks (tried on a word with its wrapping punctuation stripped):
//   numbers, decimals, signed numbers, hex (`0x1f`, `6a7ea0e9`), IPv4/IPv6 with ports,
//   MAC addresses, UUIDs, timestamps and dates (`2024-01-02T03:04:05Z`, `12:34:56,789`),
//   URLs (`scheme://…`), e-mail addresses, paths (`/a/b`, `./a`, `~/a`, `C:\a`),
//   host names ending in a common top-level domain (`ns.example.com`),
//   size and duration units after a number (`12 KB`, `30 ms`),
//   weekday/month names and time-zone names next to numbers (`Fri Jul 01 08:16:53 PDT 2005`),
//   and any word longer than 256 bytes (blobs).
// In-word masks (words that contain `=:,;()[]{}|"'<>@#!?*&^~`$+\` or runs of `..`):
//   every segment between those delimiters that contains a digit, starts with `/`, or is a
//   host name is masked — `size=12,app=x` → `size=<*>,app=x`, `blk_-123` → `<*>`.

enum MaskRules {
    /// What the scan of a word already knows about it, to skip rules that cannot apply.
    struct Hints {
        var digit = true, dot = true, slash = true, colon = true, at = true
    }

    /// A range of bytes that is a variable as a whole.
    static func isWholeVariable(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ hints: Hints = Hints()) -> Bool {
        guard !r.isEmpty else { return false }
        let first = p[r.lowerBound]
        if first == UInt8(ascii: "/") { return true }
        if hints.digit, isNumberLike(p, r) { return true }
        if r.count >= 2 {
            let second = p[r.lowerBound + 1]
            if first == UInt8(ascii: "~") && second == UInt8(ascii: "/") { return true }
            if first == UInt8(ascii: "."), second == UInt8(ascii: "/") || (second == UInt8(ascii: ".") && r.count >= 3 && p[r.lowerBound + 2] == UInt8(ascii: "/")) {
                return true
            }
            if r.count >= 3, LogByte.isAlpha(first), second == UInt8(ascii: ":"),
               p[r.lowerBound + 2] == UInt8(ascii: "\\") { return true }
        }
        if hints.colon && hints.slash && containsURLScheme(p, r) { return true }
        if hints.at && isEmail(p, r) { return true }
        // With digits and no delimiters the segment rule masks the word anyway.
        return hints.dot && !hints.digit && isHostName(p, r)
    }

    /// A segment of a word (between delimiters) that is a variable.
    @inline(__always)
    static func isVariableSegment(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, hasDigit: Bool, hasDot: Bool) -> Bool {
        if hasDigit { return true }
        guard !r.isEmpty else { return false }
        if p[r.lowerBound] == UInt8(ascii: "/") { return true }
        return hasDot && isHostName(p, r)
    }

    /// Digits with separators: numbers, IPs, MACs, UUIDs, hex ids, dates and times.
    /// Parts between `. : - / + _ ,` must each be digits/hex (hex-only parts up to 4 long,
    /// as in MACs and IPv6), `0x…` hex, or digits around a `T`/`Z` (ISO 8601).
    static func isNumberLike(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        let end = r.upperBound
        var sawDigit = false
        var previousWasDot = false
        while i < end {
            // one part
            let start = i
            var digits = 0, hexLetters = 0
            var tzAfterDigits = false
            while i < end {
                let c = p[i]
                if c == UInt8(ascii: ".") || c == UInt8(ascii: ":") || c == UInt8(ascii: "-")
                    || c == UInt8(ascii: "/") || c == UInt8(ascii: "+") || c == UInt8(ascii: "_")
                    || c == UInt8(ascii: ",") { break }
                if LogByte.isDigit(c) {
                    digits += 1
                } else if LogByte.isHex(c) {
                    hexLetters += 1
                } else if (c == UInt8(ascii: "T") || c == UInt8(ascii: "Z")) && digits > 0 && i > start {
                    tzAfterDigits = true
                } else if (c == UInt8(ascii: "x") || c == UInt8(ascii: "X")) && i == start + 1 && p[start] == UInt8(ascii: "0") {
                    // `0x` prefix of a hex number
                } else {
                    return false
                }
                i += 1
            }
            let length = i - start
            if length > 0 {
                if tzAfterDigits && hexLetters > 0 { return false }
                if digits == 0 && hexLetters > 4 { return false }
                if digits > 0 { sawDigit = true }
            }
            if i < end {
                let isDot = p[i] == UInt8(ascii: ".")
                if isDot && previousWasDot && length == 0 { return false }  // `..` runs
                previousWasDot = isDot
                i += 1
            }
        }
        return sawDigit
    }

    static func containsURLScheme(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count >= 4 else { return false }
        var i = r.lowerBound
        while i + 2 < r.upperBound {
            if p[i] == UInt8(ascii: ":") && p[i + 1] == UInt8(ascii: "/") && p[i + 2] == UInt8(ascii: "/") {
                return i > r.lowerBound && LogByte.isAlpha(p[i - 1])
            }
            i += 1
        }
        return false
    }

    static func isEmail(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var at = -1
        for i in r where p[i] == UInt8(ascii: "@") {
            if at >= 0 { return false }
            at = i
        }
        guard at > r.lowerBound, at + 1 < r.upperBound else { return false }
        for i in r.lowerBound..<at {
            let c = p[i]
            if !(LogByte.isAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
                || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) { return false }
        }
        return isHostName(p, (at + 1)..<r.upperBound)
    }

    /// `label(.label)+` whose last label is a common top-level domain and whose first is not
    /// (so Java packages such as `org.apache.Foo` or `com.huawei.health` stay constant).
    static func isHostName(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count >= 4 else { return false }
        // last label: 2…8 letters and a known TLD (cheap rejection first)
        var lastDot = r.upperBound - 1
        while lastDot >= r.lowerBound && p[lastDot] != UInt8(ascii: ".") {
            if !LogByte.isAlpha(p[lastDot]) { return false }
            lastDot -= 1
        }
        let last = (lastDot + 1)..<r.upperBound
        guard lastDot > r.lowerBound, last.count >= 2, last.count <= 8,
              topLevelDomains.contains(PackedWord.pack(p, last)) else { return false }
        var firstDot = r.lowerBound
        while p[firstDot] != UInt8(ascii: ".") { firstDot += 1 }
        let first = r.lowerBound..<firstDot
        if first.isEmpty || (first.count <= 8 && topLevelDomains.contains(PackedWord.pack(p, first))) { return false }
        var previousDot = true
        for i in r.lowerBound..<lastDot {
            let c = p[i]
            if c == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else {
                if !(LogByte.isAlnum(c) || c == UInt8(ascii: "-")) { return false }
                previousDot = false
            }
        }
        return !previousDot
    }

    static let topLevelDomains: [UInt64] = PackedWord.list(
        "com net org edu gov mil int io uk de fr ru cn jp br mx eu us ca au nl es se fi pl ch dk cz info biz local internal lan arpa")

    /// Size and duration units that follow a number (`12 KB`, `30 ms`): masked with it.
    static let units: [UInt64] = PackedWord.list(
        "b kb mb gb tb pb kib mib gib tib bytes ms us µs ns s sec secs seconds min mins minutes h hr hrs hours d days")

    /// Weekday and month names: masked next to a number (part of a timestamp).
    static let dateWords: [UInt64] = PackedWord.list(
        "mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec")

    /// Time-zone abbreviations: masked after a number (part of a timestamp).
    static let timeZones: [UInt64] = PackedWord.list(
        "utc gmt pdt pst edt est cdt cst mdt mst cet cest eet eest wet west bst ist jst kst aest aedt msk hst akst akdt")
}
