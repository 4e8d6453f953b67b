// The general header rules (see HeaderDetector).

/// Lazily read and classified leading tokens of a line.
struct HeaderTokenStream {
    let p: UnsafeBufferPointer<UInt8>
    var cursor: Int
    let buffer: UnsafeMutableBufferPointer<HeaderToken>
    var count = 0

    mutating func at(_ k: Int) -> HeaderToken? {
        while count <= k {
            guard count < buffer.count else { return nil }
            while cursor < p.count && LogByte.isSpace(p[cursor]) { cursor += 1 }
            guard cursor < p.count else { return nil }
            let r = HeaderTokens.read(p, at: cursor)
            buffer[count] = HeaderToken(range: r, kind: HeaderTokens.classify(p, r))
            count += 1
            cursor = r.upperBound
        }
        return buffer[k]
    }
}

enum GenericHeader {
    static let maxTokens = 14

    static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> HeaderRanges {
        withUnsafeTemporaryAllocation(of: HeaderToken.self, capacity: maxTokens) { buffer in
            var s = HeaderTokenStream(p: p, cursor: start, buffer: buffer)
            return scan(p, from: start, &s)
        }
    }

    static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int, _ s: inout HeaderTokenStream) -> HeaderRanges {
        let all = HeaderRanges(message: start..<p.count)
        guard let first = s.at(0) else { return all }
        if first.kind == .klog { return klog(p, &s) }
        let firstByte = p[first.range.lowerBound]
        if LogByte.isDigit(firstByte), let r = pipeSeparated(p, first.range) { return r }
        if LogByte.isUpper(firstByte), let r = pythonBasic(p, first.range) { return r }

        // A: header tokens up to a level word
        var k = 0
        var sawTime = false
        var levelAt = -1
        scanning: while let t = s.at(k), k < maxTokens - 2 {
            switch t.kind {
            case .level:
                levelAt = k
                break scanning
            case .timestamp, .number:
                sawTime = true
            case .dash, .bracket, .upper, .hostish:
                break
            case .word:
                // `- logger.name -` (Python's `%(asctime)s - %(name)s - %(levelname)s - …`)
                guard k > 0, s.at(k - 1)?.kind == .dash, s.at(k + 1)?.kind == .dash else { break scanning }
            case .component, .klog:
                break scanning
            }
            k += 1
        }
        if levelAt >= 0, let level = s.at(levelAt),
           levelAt > 0 ? (sawTime || first.kind == .bracket) : isStandaloneLevel(p, level.range) {
            var r = HeaderRanges(message: p.count..<p.count)
            r.level = level.range
            r.timestamp = timeRun(&s, before: levelAt)
            let j = afterLevel(&s, from: levelAt + 1, &r)
            r.message = messageStart(&s, j, p)..<p.count
            return r
        }

        // B: a run of timestamps, then thread, component or `host tag:`
        guard first.kind == .timestamp || first.kind == .number else { return all }
        var r = HeaderRanges(message: p.count..<p.count)
        var j = 0
        var timeEnd = first.range.upperBound
        while let t = s.at(j), t.kind == .timestamp || t.kind == .number {
            timeEnd = t.range.upperBound
            j += 1
        }
        r.timestamp = first.range.lowerBound..<timeEnd
        while let t = s.at(j), t.kind == .bracket {
            r.thread = t.range
            j += 1
        }
        if let t = s.at(j) {
            if t.kind == .component {
                r.component = t.range
                j += 1
            } else if t.kind == .dash && !isTripleDash(p, t.range) {
                j += 1
            } else if t.kind == .word || t.kind == .hostish || t.kind == .upper, let tag = s.at(j + 1), tag.kind == .component {
                r.host = t.range
                r.component = tag.range
                j += 2
            }
        }
        r.message = messageStart(&s, j, p)..<p.count
        return r
    }

    static func messageStart(_ s: inout HeaderTokenStream, _ j: Int, _ p: UnsafeBufferPointer<UInt8>) -> Int {
        if let t = s.at(j) { return t.range.lowerBound }
        return p.count
    }

    /// Range of the timestamp/number tokens before the level.
    static func timeRun(_ s: inout HeaderTokenStream, before levelAt: Int) -> Range<Int>? {
        var lower: Int?
        var upper = 0
        for k in 0..<levelAt {
            guard let t = s.at(k) else { break }
            if t.kind == .timestamp || t.kind == .number {
                if lower == nil { lower = t.range.lowerBound }
                upper = t.range.upperBound
            } else if lower != nil {
                break
            }
        }
        return lower.map { $0..<upper }
    }

    /// After the level: a pid, `[thread]`s, then a ` - ` separator, `component:` or `logger -`.
    static func afterLevel(_ s: inout HeaderTokenStream, from k: Int, _ r: inout HeaderRanges) -> Int {
        var j = k
        // a pid only when more header follows (`INFO 1234 --- [main]`), else it is the message
        if let t = s.at(j), t.kind == .number, let next = s.at(j + 1), next.kind == .dash || next.kind == .bracket {
            r.pid = t.range
            j += 1
        }
        while let t = s.at(j) {
            if t.kind == .bracket {
                r.thread = t.range
                j += 1
            } else if t.kind == .dash {
                j += 1
                if !isTripleDash(s.p, t.range) { return j }
            } else {
                break
            }
        }
        guard let t = s.at(j) else { return j }
        if t.kind == .component {
            r.component = t.range
            return j + 1
        }
        if t.kind == .word || t.kind == .upper || t.kind == .hostish, let d = s.at(j + 1), d.kind == .dash,
           !isTripleDash(s.p, d.range) {
            r.component = t.range
            return j + 2
        }
        return j
    }

    static func isTripleDash(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        r.count == 3 && p[r.lowerBound] == UInt8(ascii: "-")
    }

    /// A level that opens a line on its own: `[ERROR]`, `<WARN>`, `ERROR`, `error:`.
    static func isStandaloneLevel(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        let first = p[r.lowerBound], last = p[r.upperBound - 1]
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "<") || last == UInt8(ascii: ":") { return true }
        for i in r where LogByte.isLower(p[i]) { return false }
        return true
    }

    /// `I0102 15:04:05.000000 123 file.go:42] message`
    static func klog(_ p: UnsafeBufferPointer<UInt8>, _ s: inout HeaderTokenStream) -> HeaderRanges {
        guard let first = s.at(0) else { return HeaderRanges(message: 0..<p.count) }
        var r = HeaderRanges(message: first.range.lowerBound..<p.count)
        r.level = first.range.lowerBound..<(first.range.lowerBound + 1)
        var j = 1
        if let t = s.at(j), t.kind == .timestamp {
            r.timestamp = first.range.lowerBound + 1..<t.range.upperBound
            j += 1
        }
        if let t = s.at(j), t.kind == .number {
            r.pid = t.range
            j += 1
        }
        if let t = s.at(j), p[t.range.upperBound - 1] == UInt8(ascii: "]") {
            r.component = t.range.lowerBound..<(t.range.upperBound - 1)
            j += 1
        }
        r.message = messageStart(&s, j, p)..<p.count
        return r
    }

    /// `20171223-22:15:29:606|Step_LSC|30002312|message`: a timestamp field, then up to three
    /// fields without spaces (level, component, pid — a number ends the header).
    static func pipeSeparated(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> HeaderRanges? {
        guard let bar = word.firstIndex(where: { p[$0] == UInt8(ascii: "|") }), bar > word.lowerBound,
              HeaderTokens.isTimestampToken(p, word.lowerBound..<bar) || HeaderTokens.isDigits(p, word.lowerBound..<bar)
        else { return nil }
        var r = HeaderRanges(message: (bar + 1)..<p.count)
        r.timestamp = word.lowerBound..<bar
        var fieldStart = bar + 1
        for _ in 0..<3 {
            var i = fieldStart
            while i < p.count && p[i] != UInt8(ascii: "|") && !LogByte.isSpace(p[i]) { i += 1 }
            guard i < p.count, p[i] == UInt8(ascii: "|"), i > fieldStart else { break }
            let field = fieldStart..<i
            guard HeaderTokens.isIdentifier(p, field) else { break }
            fieldStart = i + 1
            r.message = fieldStart..<p.count
            if HeaderTokens.isDigits(p, field) {
                r.pid = field
                break
            } else if HeaderTokens.isLevelWord(p, field) {
                r.level = field
            } else {
                r.component = field
            }
        }
        return r
    }

    /// Python's default format: `WARNING:urllib3.connectionpool:Retrying …`.
    static func pythonBasic(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> HeaderRanges? {
        guard let colon = word.firstIndex(where: { p[$0] == UInt8(ascii: ":") }), colon + 1 < word.upperBound,
              HeaderTokens.isLevelWord(p, word.lowerBound..<colon),
              HeaderTokens.isUpperIdentifier(p, word.lowerBound..<colon) else { return nil }
        var r = HeaderRanges(message: (colon + 1)..<p.count)
        r.level = word.lowerBound..<colon
        var i = colon + 1
        while i < p.count && p[i] != UInt8(ascii: ":") && !LogByte.isSpace(p[i]) { i += 1 }
        if i < p.count && p[i] == UInt8(ascii: ":") {
            r.component = (colon + 1)..<i
            r.message = (i + 1)..<p.count
        }
        return r
    }
}
