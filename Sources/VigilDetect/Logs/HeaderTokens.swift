// Classification of the leading tokens of a raw log line (HeaderDetector).

/// What a leading token of a raw line looks like.
enum HeaderTokenKind: UInt8, Sendable {
    case timestamp   // 2024-01-02, 15:04:05,123, 17/06/09, Dec, [Sun Dec 04 04:47:44 2005]
    case number      // 081109, 148, 1117838570
    case level       // INFO, [error], <WARN>, [core:error], ERROR:
    case dash        // -  |  :  ---
    case bracket     // [main], [pid 12:tid 34], [QuorumPeer[myid=1]/…]
    case component   // dfs.DataNode$PacketResponder:, sshd[24200]:, 1234#0:
    case upper       // RAS, KERNEL, UNKNOWN_LOCATION
    case hostish     // R02-M1-N0-C:J12-U11, node-7
    case klog        // I0102 (klog: level letter + MMDD)
    case word
}

struct HeaderToken: Sendable {
    var range: Range<Int>
    var kind: HeaderTokenKind
}

enum HeaderTokens {
    /// The token starting at `i` (a non-space byte): a balanced `[...]` group (which may
    /// contain spaces), or a run of non-space bytes.
    static func read(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Range<Int> {
        let n = p.count
        if p[i] == UInt8(ascii: "[") {
            var depth = 0
            var j = i
            let limit = min(n, i + 512)
            while j < limit {
                let c = p[j]
                if c == UInt8(ascii: "[") {
                    depth += 1
                } else if c == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        var end = j + 1
                        if end < n, p[end] == UInt8(ascii: ":"), end + 1 == n || LogByte.isSpace(p[end + 1]) { end += 1 }
                        if end == n || LogByte.isSpace(p[end]) { return i..<end }
                        break
                    }
                }
                j += 1
            }
        }
        var j = i
        while j < n && !LogByte.isSpace(p[j]) { j += 1 }
        return i..<j
    }

    static func classify(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> HeaderTokenKind {
        let first = p[r.lowerBound]
        var last = p[r.upperBound - 1]
        var end = r.upperBound
        if last == UInt8(ascii: ":") && r.count > 1 && p[end - 2] == UInt8(ascii: "]") && first == UInt8(ascii: "[") {
            end -= 1
            last = UInt8(ascii: "]")
        }
        if first == UInt8(ascii: "[") && last == UInt8(ascii: "]") && end - r.lowerBound >= 2 {
            let inner = trimmed(p, (r.lowerBound + 1)..<(end - 1))
            if inner.isEmpty { return .bracket }
            if isTimestampText(p, inner) { return .timestamp }
            if isLevelText(p, inner) { return .level }
            return .bracket
        }
        if first == UInt8(ascii: "<") && last == UInt8(ascii: ">") && r.count > 2,
           isLevelWord(p, (r.lowerBound + 1)..<(r.upperBound - 1)) { return .level }
        if r.count <= 3 && isDashes(p, r) { return .dash }
        var core = r
        let endsWithColon = last == UInt8(ascii: ":")
        if endsWithColon || last == UInt8(ascii: ",") { core = r.lowerBound..<(r.upperBound - 1) }
        if core.isEmpty { return .dash }
        if LogByte.isDigit(first) {
            if isDigits(p, core) { return .number }
            if isTimestampToken(p, core) { return .timestamp }
        } else if LogByte.isAlpha(first) {
            if isKlog(p, r) { return .klog }
            if isLevelWord(p, core) { return .level }
            if LogByte.isUpper(first) && isTimestampToken(p, core) { return .timestamp }
        }
        if endsWithColon && isIdentifier(p, core) { return .component }
        if isUpperIdentifier(p, core) { return .upper }
        if isHostish(p, core) { return .hostish }
        return .word
    }

    static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        var a = r.lowerBound, b = r.upperBound
        while a < b && LogByte.isSpace(p[a]) { a += 1 }
        while b > a && LogByte.isSpace(p[b - 1]) { b -= 1 }
        return a..<b
    }

    static func isDashes(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        if r.count == 1 {
            let c = p[r.lowerBound]
            return c == UInt8(ascii: "-") || c == UInt8(ascii: "|") || c == UInt8(ascii: ":")
        }
        for i in r where p[i] != UInt8(ascii: "-") { return false }
        return true
    }

    static func isDigits(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard !r.isEmpty else { return false }
        for i in r where !LogByte.isDigit(p[i]) { return false }
        return true
    }

    /// `I0102`: klog's severity letter and month-day.
    static func isKlog(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count == 5 else { return false }
        switch p[r.lowerBound] {
        case UInt8(ascii: "I"), UInt8(ascii: "W"), UInt8(ascii: "E"), UInt8(ascii: "F"), UInt8(ascii: "D"):
            return isDigits(p, (r.lowerBound + 1)..<r.upperBound)
        default:
            return false
        }
    }

    static let levelWords: [UInt64] = PackedWord.list(
        """
        trace debug dbg dbug info inf information notice warn warning wrn error err eror fatal \
        critical crit alert emerg panic severe fine finer finest config verbose failure
        """)

    /// A log level name, any case (`INFO`, `Warning`, `err`).
    static func isLevelWord(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count >= 3, r.count <= 11 else { return false }
        for i in r where !LogByte.isAlpha(p[i]) { return false }
        if r.count > 8 { return r.count == 11 && PackedWord.pack(p, r) == PackedWord.pack("informat") }
        return levelWords.contains(PackedWord.pack(p, r))
    }

    /// Bracket content that names a level: `error`, `core:error`, `ERROR `.
    static func isLevelText(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var start = r.lowerBound
        for i in r where p[i] == UInt8(ascii: ":") { start = i + 1 }
        return isLevelWord(p, start..<r.upperBound)
    }

    /// Dates and times: digits with `- / : . , T Z +` and month or weekday names
    /// (`2024-01-02T03:04:05Z`, `18:01:47,978`, `10/Oct/2000:13:55:36`, `Dec`).
    static func isTimestampToken(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var digits = 0
        var i = r.lowerBound
        while i < r.upperBound {
            let c = p[i]
            if LogByte.isDigit(c) {
                digits += 1
                i += 1
            } else if LogByte.isAlpha(c) {
                var j = i
                while j < r.upperBound && LogByte.isAlpha(p[j]) { j += 1 }
                let length = j - i
                if length == 1 {
                    let u = c & ~0x20
                    guard u == UInt8(ascii: "T") || u == UInt8(ascii: "Z") else { return false }
                } else if length == 2 {
                    let w = PackedWord.pack(p, i..<j)
                    guard w == PackedWord.pack("am") || w == PackedWord.pack("pm") else { return false }
                } else {
                    guard length == 3, MaskRules.dateWords.contains(PackedWord.pack(p, i..<j)) else { return false }
                    digits += 1
                }
                i = j
            } else {
                switch c {
                case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "."),
                     UInt8(ascii: ","), UInt8(ascii: "+"): i += 1
                default: return false
                }
            }
        }
        return digits > 0
    }

    /// Space-separated timestamp parts (bracketed timestamps): `Sun Dec 04 04:47:44 2005`.
    static func isTimestampText(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        var parts = 0
        while i < r.upperBound {
            while i < r.upperBound && LogByte.isSpace(p[i]) { i += 1 }
            guard i < r.upperBound else { break }
            var j = i
            while j < r.upperBound && !LogByte.isSpace(p[j]) { j += 1 }
            let isZone = j - i == 5 && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-"))
                && isDigits(p, (i + 1)..<j)
            guard isZone || isTimestampToken(p, i..<j) else { return false }
            parts += 1
            i = j
        }
        return parts > 0
    }

    /// A logger/component name: letters, digits and `. _ $ - / @ # [ ] ( ) :`, with a letter or digit.
    static func isIdentifier(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard !r.isEmpty, r.count <= 200 else { return false }
        var alnum = false
        for i in r {
            let c = p[i]
            if LogByte.isAlnum(c) {
                alnum = true
                continue
            }
            switch c {
            case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "$"), UInt8(ascii: "-"), UInt8(ascii: "/"),
                 UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: ":"): continue
            default: return false
            }
        }
        return alnum
    }

    /// `RAS`, `KERNEL`, `UNKNOWN_LOCATION`: upper-case letters, digits and `_`, two letters at least.
    static func isUpperIdentifier(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count >= 2, r.count <= 24 else { return false }
        var letters = 0
        for i in r {
            let c = p[i]
            if LogByte.isUpper(c) {
                letters += 1
            } else if !(LogByte.isDigit(c) || c == UInt8(ascii: "_")) {
                return false
            }
        }
        return letters >= 2
    }

    /// Node and host names with digits: `R02-M1-N0-C:J12-U11`, `node-7`, `10.0.0.1`.
    static func isHostish(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count <= 64 else { return false }
        var digit = false
        for i in r {
            let c = p[i]
            if LogByte.isDigit(c) {
                digit = true
            } else if !(LogByte.isAlpha(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
                        || c == UInt8(ascii: ":") || c == UInt8(ascii: "_")) {
                return false
            }
        }
        return digit
    }
}
