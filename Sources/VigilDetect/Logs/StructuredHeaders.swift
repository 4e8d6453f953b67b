// Headers with explicit structure: JSON lines, logfmt, syslog with a priority.

enum JSONHeader {
    /// Top-level members of a JSON object line; nil when it is not one or has no message.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> HeaderRanges? {
        var i = start + 1
        let n = p.count
        var r = HeaderRanges(message: 0..<0)
        var message: Range<Int>?
        func skipSpace() { while i < n && LogByte.isSpace(p[i]) { i += 1 } }
        while true {
            skipSpace()
            guard i < n else { return nil }
            if p[i] == UInt8(ascii: "}") { break }
            guard p[i] == UInt8(ascii: "\""), let key = string(p, at: i) else { return nil }
            i = key.upperBound + 1
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            guard i < n else { return nil }
            let value: Range<Int>
            if p[i] == UInt8(ascii: "\"") {
                guard let v = string(p, at: i) else { return nil }
                value = v
                i = v.upperBound + 1
            } else {
                let valueStart = i
                guard let end = skipValue(p, at: i) else { return nil }
                value = valueStart..<end
                i = end
            }
            switch key.count <= 10 ? PackedWord.pack(p, key) : 0 {
            case PackedWord.pack("msg"), PackedWord.pack("message"), PackedWord.pack("log"):
                if message == nil { message = value }
            case PackedWord.pack("level"), PackedWord.pack("lvl"), PackedWord.pack("severity"), PackedWord.pack("loglevel"):
                r.level = value
            case PackedWord.pack("time"), PackedWord.pack("ts"), PackedWord.pack("timestamp"), PackedWord.pack("@timesta"):
                if r.timestamp == nil { r.timestamp = value }
            case PackedWord.pack("logger"), PackedWord.pack("componen"), PackedWord.pack("caller"), PackedWord.pack("name"):
                if r.component == nil { r.component = value }
            case PackedWord.pack("pid"):
                r.pid = value
            case PackedWord.pack("thread"):
                r.thread = value
            case PackedWord.pack("host"), PackedWord.pack("hostname"):
                r.host = value
            default:
                break
            }
            skipSpace()
            guard i < n else { return nil }
            if p[i] == UInt8(ascii: ",") {
                i += 1
            } else if p[i] != UInt8(ascii: "}") {
                return nil
            }
        }
        guard let message else { return nil }
        r.message = message
        return r
    }

    /// The inside of the string literal starting at `i` (a quote); nil if unterminated.
    static func string(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Range<Int>? {
        var j = i + 1
        while j < p.count {
            let c = p[j]
            if c == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if c == UInt8(ascii: "\"") { return (i + 1)..<j }
            j += 1
        }
        return nil
    }

    /// End of a number, literal, object or array value starting at `i`.
    static func skipValue(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        var j = i
        var depth = 0
        while j < p.count {
            let c = p[j]
            if c == UInt8(ascii: "\"") {
                guard let s = string(p, at: j) else { return nil }
                j = s.upperBound + 1
                continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                if depth == 0 { return j }
                depth -= 1
                if depth == 0 { return j + 1 }
            } else if depth == 0 && (c == UInt8(ascii: ",") || LogByte.isSpace(c)) {
                return j
            }
            j += 1
        }
        return depth == 0 ? j : nil
    }

    /// Decodes JSON string escapes (`\n`, `\"`, `\u00e9`, surrogate pairs).
    static func unescape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var it = s.unicodeScalars.makeIterator()
        var pendingHigh: UInt32?
        while let c = it.next() {
            guard c == "\\", let e = it.next() else {
                out.append(c)
                continue
            }
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "u":
                var v: UInt32 = 0
                for _ in 0..<4 {
                    guard let h = it.next(), let d = UInt32(String(h), radix: 16) else { break }
                    v = v << 4 | d
                }
                if (0xD800..<0xDC00).contains(v) {
                    pendingHigh = v
                    continue
                }
                if (0xDC00..<0xE000).contains(v), let high = pendingHigh {
                    v = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
                }
                pendingHigh = nil
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            default: out.append(e)
            }
        }
        return String(out)
    }
}

enum LogfmtHeader {
    /// `key=value key2="quoted value"` lines whose first key is a usual header key; nil
    /// otherwise or without a `msg`/`message` key.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> HeaderRanges? {
        guard LogByte.isAlpha(p[start]), let firstKey = key(p, at: start), isHeaderKey(p, firstKey) else { return nil }
        var r = HeaderRanges(message: 0..<0)
        var message: Range<Int>?
        var i = start
        let n = p.count
        while i < n {
            while i < n && LogByte.isSpace(p[i]) { i += 1 }
            guard i < n, let k = key(p, at: i) else { break }
            i = k.upperBound + 1
            var value = i..<i
            if i < n && p[i] == UInt8(ascii: "\"") {
                guard let v = JSONHeader.string(p, at: i) else { return nil }
                value = v
                i = v.upperBound + 1
            } else {
                while i < n && !LogByte.isSpace(p[i]) { i += 1 }
                value = value.lowerBound..<i
            }
            switch k.count <= 10 ? PackedWord.pack(p, k) : 0 {
            case PackedWord.pack("msg"), PackedWord.pack("message"): message = value
            case PackedWord.pack("level"), PackedWord.pack("lvl"), PackedWord.pack("severity"): r.level = value
            case PackedWord.pack("time"), PackedWord.pack("ts"), PackedWord.pack("t"), PackedWord.pack("timestamp"):
                r.timestamp = value
            case PackedWord.pack("logger"), PackedWord.pack("componen"), PackedWord.pack("caller"), PackedWord.pack("module"):
                r.component = value
            case PackedWord.pack("pid"): r.pid = value
            case PackedWord.pack("host"): r.host = value
            default: break
            }
        }
        guard let message else { return nil }
        r.message = message
        return r
    }

    /// `key` of `key=` at `i`.
    static func key(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Range<Int>? {
        var j = i
        while j < p.count {
            let c = p[j]
            if c == UInt8(ascii: "=") { return j > i ? i..<j : nil }
            if !(LogByte.isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")) {
                return nil
            }
            j += 1
        }
        return nil
    }

    static func isHeaderKey(_ p: UnsafeBufferPointer<UInt8>, _ k: Range<Int>) -> Bool {
        guard k.count <= 9 else { return false }
        switch PackedWord.pack(p, k) {
        case PackedWord.pack("time"), PackedWord.pack("ts"), PackedWord.pack("t"), PackedWord.pack("timestamp"),
             PackedWord.pack("level"), PackedWord.pack("lvl"), PackedWord.pack("msg"), PackedWord.pack("caller"),
             PackedWord.pack("logger"), PackedWord.pack("severity"), PackedWord.pack("componen"):
            return true
        default:
            return false
        }
    }
}

enum SyslogHeader {
    /// `<PRI>` lines: RFC 5424 (`<34>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`) or RFC 3164
    /// (`<34>Oct 11 22:14:15 host tag[pid]: MSG`, handled by the general rules).
    static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> HeaderRanges? {
        var i = start + 1
        while i < p.count && i - start <= 4 && LogByte.isDigit(p[i]) { i += 1 }
        guard i > start + 1, i < p.count, p[i] == UInt8(ascii: ">") else { return nil }
        i += 1
        guard i < p.count else { return HeaderRanges(message: i..<i) }
        if LogByte.isDigit(p[i]), i + 1 < p.count, p[i + 1] == UInt8(ascii: " ") {
            return rfc5424(p, from: i + 2)
        }
        return GenericHeader.scan(p, from: i)
    }

    static func rfc5424(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> HeaderRanges {
        var i = start
        var fields: [Range<Int>] = []
        fields.reserveCapacity(5)
        while fields.count < 5 && i < p.count {
            var j = i
            while j < p.count && p[j] != UInt8(ascii: " ") { j += 1 }
            fields.append(i..<j)
            i = min(p.count, j + 1)
        }
        var r = HeaderRanges(message: i..<p.count)
        func value(_ k: Int) -> Range<Int>? {
            guard k < fields.count, !(fields[k].count == 1 && p[fields[k].lowerBound] == UInt8(ascii: "-")) else { return nil }
            return fields[k]
        }
        r.timestamp = value(0)
        r.host = value(1)
        r.component = value(2)
        r.pid = value(3)
        guard fields.count == 5, i < p.count else { return r }
        // structured data: `-` or `[id k="v" …][…]`
        if p[i] == UInt8(ascii: "-") {
            i += 1
        } else {
            while i < p.count && p[i] == UInt8(ascii: "[") {
                var inQuotes = false
                var j = i + 1
                while j < p.count {
                    let c = p[j]
                    if c == UInt8(ascii: "\\") {
                        j += 2
                        continue
                    }
                    if c == UInt8(ascii: "\"") { inQuotes.toggle() } else if c == UInt8(ascii: "]") && !inQuotes { break }
                    j += 1
                }
                i = min(p.count, j + 1)
            }
        }
        if i < p.count && p[i] == UInt8(ascii: " ") { i += 1 }
        // UTF-8 byte order mark
        if i + 2 < p.count && p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF { i += 3 }
        r.message = i..<p.count
        return r
    }
}
