// Splits a message into whitespace-separated words and masks variables (see MaskRules),
// in one forward scan over UTF-8 bytes. Consecutive words that are masked as a whole
// collapse into one `<*>` token, so variable-length lists (`delete blk_1 blk_2 blk_3`)
// keep one shape.
//
// The scan is generic over a sink: the miner's hot path hashes tokens without building
// strings; the slow path renders the masked text of each token. Both see the same decisions.

/// Receives the tokens of one message.
protocol MaskedTokenSink {
    var tokenCount: Int { get }
    /// A word kept verbatim; `hash` is `FNV.hashWord` of its bytes.
    mutating func constant(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, hash: UInt64)
    /// A word whose core is a variable: `prefix <*> suffix` (prefix/suffix are wrapping punctuation).
    mutating func variable(_ p: UnsafeBufferPointer<UInt8>, prefix: Range<Int>, suffix: Range<Int>)
    /// Extends the previous token (a bare `<*>`) to `end`: a run of variables collapses into one.
    mutating func extendVariable(to end: Int)
    mutating func beginSegmented(at start: Int)
    mutating func segmentBytes(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>)
    mutating func segmentWildcard()
    mutating func endSegmented(at end: Int)
}

enum MessageTokenizer {
    /// Words longer than this many bytes are masked as a whole.
    static let maxWordBytes = 256

    static func tokenize<S: MaskedTokenSink>(_ p: UnsafeBufferPointer<UInt8>, maxTokens: Int, into sink: inout S) {
        ScanClass.table.withUnsafeBufferPointer { table in
            tokenize(p, maxTokens: maxTokens, table: table, into: &sink)
        }
    }

    static func tokenize<S: MaskedTokenSink>(
        _ p: UnsafeBufferPointer<UInt8>, maxTokens: Int, table: UnsafeBufferPointer<UInt8>, into sink: inout S
    ) {
        let n = p.count
        var i = 0
        var previousVariable = false   // previous word was masked as a whole (for units, time zones)
        var previousBare = false       // previous token is a bare `<*>` (for collapsing)
        while true {
            while i < n && LogByte.isSpace(p[i]) { i += 1 }
            if i >= n { break }
            let ws = i
            if sink.tokenCount >= maxTokens - 1 {
                var end = n
                while end > ws && LogByte.isSpace(p[end - 1]) { end -= 1 }
                if previousBare {
                    sink.extendVariable(to: end)
                } else {
                    sink.variable(p, prefix: ws..<ws, suffix: end..<end)
                }
                return
            }
            var f: UInt8 = 0
            while i < n {
                let k = table[Int(p[i])]
                if k & ScanClass.space != 0 { break }
                f |= k
                i += 1
            }
            let we = i
            if we - ws > maxWordBytes {
                // blobs (base64, long hashes, dumps) are data; never keep them in a template
                emitVariable(p, ws, ws, we, we, previousBare: previousBare, into: &sink)
                previousBare = true
                previousVariable = true
                continue
            }
            if f == 0 {
                // letters and other plain bytes: constant, unless a unit/date word next to a number
                if we - ws <= 7, previousVariable || (we - ws == 3 && LogByte.isUpper(p[ws])),
                   isContextualVariable(p, ws..<we, afterVariable: previousVariable, nextStart: we) {
                    emitVariable(p, ws, ws, we, we, previousBare: previousBare, into: &sink)
                    previousBare = true
                    previousVariable = true
                } else {
                    sink.constant(p, ws..<we, hash: FNV.hashWord(p, ws..<we))
                    previousBare = false
                    previousVariable = false
                }
                continue
            }
            let hasDigit = f & ScanClass.digit != 0, hasDot = f & ScanClass.dot != 0

            // core: the word without wrapping punctuation
            var cs = ws, ce = we
            while cs < ce && LogByte.isOpenWrap(p[cs]) { cs += 1 }
            while ce > cs && LogByte.isCloseWrap(p[ce - 1]) { ce -= 1 }

            let hints = MaskRules.Hints(
                digit: hasDigit, dot: hasDot, slash: f & ScanClass.slash != 0,
                colon: f & ScanClass.colon != 0, at: f & ScanClass.at != 0)
            var whole = MaskRules.isWholeVariable(p, cs..<ce, hints)
            if !whole && !hasDigit, ce - cs <= 7, ce > cs,
               previousVariable || (ce - cs == 3 && LogByte.isUpper(p[cs])), isLetters(p, cs..<ce) {
                whole = isContextualVariable(p, cs..<ce, afterVariable: previousVariable, nextStart: we)
            }
            if whole {
                emitVariable(p, ws, cs, ce, we, previousBare: previousBare, into: &sink)
                previousBare = cs == ws && ce == we
                previousVariable = true
                continue
            }
            // One segment: the whole word (no delimiters), or a core wrapped in delimiters only.
            let hasDotRun = hasDot && containsDotRun(p, ws..<we)
            var segment: Range<Int>? = nil
            if f & ScanClass.delimiter == 0 && !hasDotRun {
                segment = ws..<we
            } else if !hasDotRun, !containsDelimiter(p, cs..<ce, table), !contains(p, ws..<cs, UInt8(ascii: ".")),
                      !contains(p, ce..<we, UInt8(ascii: ".")) {
                segment = cs..<ce
            }
            guard let segment else {
                previousVariable = emitSegments(p, ws..<we, into: &sink)
                previousBare = false
                continue
            }
            if MaskRules.isVariableSegment(p, segment, hasDigit: hasDigit, hasDot: hasDot) {
                emitVariable(p, ws, segment.lowerBound, segment.upperBound, we, previousBare: previousBare, into: &sink)
                previousBare = segment == ws..<we
                previousVariable = true
            } else {
                sink.constant(p, ws..<we, hash: FNV.hashWord(p, ws..<we))
                previousBare = false
                previousVariable = false
            }
        }
    }

    /// `prefix <*> suffix`; a bare `<*>` right after another bare `<*>` extends it.
    @inline(__always)
    static func emitVariable<S: MaskedTokenSink>(
        _ p: UnsafeBufferPointer<UInt8>, _ ws: Int, _ cs: Int, _ ce: Int, _ we: Int, previousBare: Bool, into sink: inout S
    ) {
        if cs == ws && ce == we && previousBare {
            sink.extendVariable(to: we)
        } else {
            sink.variable(p, prefix: ws..<cs, suffix: ce..<we)
        }
    }

    static func containsDotRun(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var previousDot = false
        for i in r {
            let dot = p[i] == UInt8(ascii: ".")
            if dot && previousDot { return true }
            previousDot = dot
        }
        return false
    }

    @inline(__always)
    static func containsDelimiter(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ table: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in r where table[Int(p[i])] & ScanClass.delimiter != 0 { return true }
        return false
    }

    @inline(__always)
    static func contains(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ byte: UInt8) -> Bool {
        for i in r where p[i] == byte { return true }
        return false
    }

    @inline(__always) static func isLetters(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        for i in r where !(LogByte.isAlpha(p[i]) || p[i] >= 0x80) { return false }
        return true
    }

    /// Words that are variables only next to numbers: units (`12 KB`), weekday and month
    /// names (`Fri Jul 01 …`) and time zones (`08:16:53 PDT 2005`).
    static func isContextualVariable(_ p: UnsafeBufferPointer<UInt8>, _ core: Range<Int>, afterVariable: Bool, nextStart: Int) -> Bool {
        let length = core.count
        let first = LogByte.lower(p[core.lowerBound])
        // initials of units: b k m g t p u n s h d, and µ (0xC2)
        let initial = first == 0xC2 || (first &- 0x61 < 26 && (0x1C_B4CA as UInt32) >> UInt32(first &- 0x61) & 1 != 0)
        if afterVariable && initial && MaskRules.units.contains(PackedWord.pack(p, core)) { return true }
        guard (length == 3 || length == 4), LogByte.isUpper(p[core.lowerBound]) else { return false }
        let packed = PackedWord.pack(p, core)
        if length == 3 && MaskRules.dateWords.contains(packed) {
            if afterVariable { return true }
            // followed by a number, or by another date word and then a number
            guard let next = nextWord(p, from: nextStart) else { return false }
            if LogByte.isDigit(p[next.lowerBound]) { return true }
            if next.count == 3, MaskRules.dateWords.contains(PackedWord.pack(p, next)),
               let third = nextWord(p, from: next.upperBound) {
                return LogByte.isDigit(p[third.lowerBound])
            }
            return false
        }
        if afterVariable && MaskRules.timeZones.contains(packed) {
            guard let next = nextWord(p, from: nextStart) else { return true }
            return LogByte.isDigit(p[next.lowerBound])
        }
        return false
    }

    /// The next whitespace-separated word at or after `from`, without trailing `,`.
    static func nextWord(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int>? {
        var i = from
        while i < p.count && LogByte.isSpace(p[i]) { i += 1 }
        guard i < p.count else { return nil }
        var j = i
        while j < p.count && !LogByte.isSpace(p[j]) { j += 1 }
        while j > i + 1 && p[j - 1] == UInt8(ascii: ",") { j -= 1 }
        return i..<j
    }

    /// In-word masking. Returns whether the word is nothing but variables and delimiters.
    static func emitSegments<S: MaskedTokenSink>(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, into sink: inout S) -> Bool {
        sink.beginSegmented(at: word.lowerBound)
        var anyVariable = false, anyConstant = false
        var segmentStart = word.lowerBound
        var segmentDigit = false, segmentDot = false
        var j = word.lowerBound
        let end = word.upperBound
        @inline(__always) func flush(_ r: Range<Int>, _ sink: inout S) {
            guard !r.isEmpty else { return }
            if MaskRules.isVariableSegment(p, r, hasDigit: segmentDigit, hasDot: segmentDot) {
                sink.segmentWildcard()
                anyVariable = true
            } else {
                sink.segmentBytes(p, r)
                anyConstant = true
            }
        }
        while j < end {
            let c = p[j]
            var delimiter = LogByte.isSegmentDelimiter(c)
            if !delimiter && c == UInt8(ascii: ".") {
                delimiter = (j + 1 < end && p[j + 1] == UInt8(ascii: ".")) || (j > word.lowerBound && p[j - 1] == UInt8(ascii: "."))
            }
            if delimiter {
                flush(segmentStart..<j, &sink)
                sink.segmentBytes(p, j..<(j + 1))
                segmentStart = j + 1
                segmentDigit = false
                segmentDot = false
            } else if LogByte.isDigit(c) {
                segmentDigit = true
            } else if c == UInt8(ascii: ".") {
                segmentDot = true
            }
            j += 1
        }
        flush(segmentStart..<end, &sink)
        sink.endSegmented(at: end)
        return anyVariable && !anyConstant
    }
}
