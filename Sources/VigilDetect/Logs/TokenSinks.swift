// The two sinks of MessageTokenizer: hashes for matching, text for templates.

/// One masked token: its hash, the byte range it covers, and whether it is a bare `<*>`.
struct MaskedToken: Sendable, Equatable {
    var hash: UInt64
    var start: Int
    var end: Int
    var isWildcard: Bool
}

/// Collects token hashes (the miner's hot path: no strings are built).
struct HashingSink: MaskedTokenSink {
    var tokens: [MaskedToken] = []
    private var segmentHash: UInt64 = FNV.offset
    private var segmentStart = 0

    var tokenCount: Int { tokens.count }

    mutating func reset() { tokens.removeAll(keepingCapacity: true) }

    /// Order-dependent hash of all tokens: equal shapes mean equal masked messages.
    var shape: UInt64 {
        var h = UInt64(truncatingIfNeeded: tokens.count) &* 0x9E37_79B9_7F4A_7C15
        for t in tokens { h = FNV.combine(h, t.hash) }
        return h
    }

    @inline(__always)
    mutating func constant(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, hash: UInt64) {
        tokens.append(MaskedToken(hash: hash, start: word.lowerBound, end: word.upperBound, isWildcard: false))
    }

    @inline(__always)
    mutating func variable(_ p: UnsafeBufferPointer<UInt8>, prefix: Range<Int>, suffix: Range<Int>) {
        var h = FNV.offset
        for i in prefix { h = FNV.step(h, p[i]) }
        h = FNV.wildcardStep(h)
        for i in suffix { h = FNV.step(h, p[i]) }
        tokens.append(MaskedToken(hash: h, start: prefix.lowerBound, end: suffix.upperBound,
                                  isWildcard: prefix.isEmpty && suffix.isEmpty))
    }

    @inline(__always)
    mutating func extendVariable(to end: Int) {
        tokens[tokens.count - 1].end = end
    }

    @inline(__always)
    mutating func beginSegmented(at start: Int) {
        segmentHash = FNV.offset
        segmentStart = start
    }

    @inline(__always)
    mutating func segmentBytes(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
        var h = segmentHash
        for i in r { h = FNV.step(h, p[i]) }
        segmentHash = h
    }

    @inline(__always)
    mutating func segmentWildcard() { segmentHash = FNV.wildcardStep(segmentHash) }

    @inline(__always)
    mutating func endSegmented(at end: Int) {
        tokens.append(MaskedToken(hash: segmentHash, start: segmentStart, end: end, isWildcard: false))
    }
}

/// Renders the masked text of each token (templates; the slow path only).
struct TextSink: MaskedTokenSink {
    var texts: [String] = []
    private var buffer: [UInt8] = []

    var tokenCount: Int { texts.count }

    mutating func constant(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, hash: UInt64) {
        texts.append(Self.string(p, word))
    }

    mutating func variable(_ p: UnsafeBufferPointer<UInt8>, prefix: Range<Int>, suffix: Range<Int>) {
        texts.append(Self.string(p, prefix) + "<*>" + Self.string(p, suffix))
    }

    mutating func extendVariable(to end: Int) {}

    mutating func beginSegmented(at start: Int) { buffer.removeAll(keepingCapacity: true) }

    mutating func segmentBytes(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
    }

    mutating func segmentWildcard() { buffer.append(contentsOf: [0x3C, 0x2A, 0x3E]) }

    mutating func endSegmented(at end: Int) { texts.append(String(decoding: buffer, as: UTF8.self)) }

    static func string(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
    }
}
