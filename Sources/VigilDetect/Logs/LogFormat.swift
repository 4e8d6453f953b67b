// logparser's log format convention: `<Date> <Time> <Level> <Component>: <Content>`.
// Each `<Field>` matches lazily; spaces in the pattern match one or more whitespace
// characters; everything else is literal. The `Content` field is the message.

/// A compiled logparser-style log format.
public struct LogFormat: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case field(String)
        /// Literal bytes; `nil` entries stand for a whitespace run.
        case literal([UInt8?])
    }

    let parts: [Part]
    /// Field names in order.
    public let fields: [String]
    let contentIndex: Int

    /// Invalid format patterns.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Compiles a pattern such as `<Date> <Time> <Level> <Component>: <Content>`.
    public init(_ pattern: String) throws {
        var parts: [Part] = []
        var fields: [String] = []
        var literal: [UInt8?] = []
        var bytes = Array(pattern.utf8)[...]
        func flushLiteral() {
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = []
        }
        while let c = bytes.first {
            if c == UInt8(ascii: "<"), let close = bytes.firstIndex(of: UInt8(ascii: ">")),
               close > bytes.startIndex + 1,
               bytes[(bytes.startIndex + 1)..<close].allSatisfy({ LogByte.isAlnum($0) || $0 == UInt8(ascii: "_") }) {
                let name = String(decoding: bytes[(bytes.startIndex + 1)..<close], as: UTF8.self)
                if case .field = parts.last, literal.isEmpty {
                    throw Invalid(description: "log format: fields <\(fields.last ?? "")> and <\(name)> need a separator")
                }
                flushLiteral()
                parts.append(.field(name))
                fields.append(name)
                bytes = bytes[(close + 1)...]
            } else if c == UInt8(ascii: " ") {
                if literal.last != .some(nil) { literal.append(nil) }
                bytes = bytes.dropFirst()
            } else {
                literal.append(c)
                bytes = bytes.dropFirst()
            }
        }
        flushLiteral()
        guard let content = fields.firstIndex(of: "Content") else {
            throw Invalid(description: "log format '\(pattern)' has no <Content> field")
        }
        guard Set(fields).count == fields.count else {
            throw Invalid(description: "log format '\(pattern)' repeats a field")
        }
        self.parts = parts
        self.fields = fields
        self.contentIndex = content
    }

    /// Byte ranges of the fields (in `fields` order), or nil when the line does not match.
    public func match(_ p: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(fields.count)
        var i = 0
        var openField: Int?   // start of a field waiting for its closing literal
        for (index, part) in parts.enumerated() {
            switch part {
            case .field:
                openField = i
            case .literal(let lit):
                if let start = openField {
                    let last = index == parts.count - 1
                    guard let (at, end) = find(lit, in: p, from: start, toEnd: last) else { return nil }
                    ranges.append(start..<at)
                    i = end
                    openField = nil
                } else {
                    guard let end = matchHere(lit, in: p, at: i) else { return nil }
                    i = end
                }
            }
        }
        if let start = openField {
            ranges.append(start..<p.count)
        } else if i != p.count {
            return nil
        }
        return ranges
    }

    /// The `<Content>` range, or nil when the line does not match.
    public func contentRange(in p: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        match(p).map { $0[contentIndex] }
    }

    /// Field values of a line by name, or nil when it does not match.
    public func parse(_ line: String) -> [String: String]? {
        var line = line
        return line.withUTF8 { p in
            guard let ranges = match(p) else { return nil }
            var out: [String: String] = [:]
            for (name, r) in zip(fields, ranges) {
                out[name] = String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
            }
            return out
        }
    }

    /// End of the literal when it matches at `i`.
    func matchHere(_ lit: [UInt8?], in p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        var j = i
        for b in lit {
            if let b {
                guard j < p.count, p[j] == b else { return nil }
                j += 1
            } else {
                guard j < p.count, LogByte.isSpace(p[j]) else { return nil }
                while j < p.count && LogByte.isSpace(p[j]) { j += 1 }
            }
        }
        return j
    }

    /// First position at or after `from` where the literal matches: (start, end).
    /// With `toEnd`, the literal must end the line.
    func find(_ lit: [UInt8?], in p: UnsafeBufferPointer<UInt8>, from: Int, toEnd: Bool) -> (Int, Int)? {
        var i = from
        while i < p.count {
            if let end = matchHere(lit, in: p, at: i), !toEnd || end == p.count { return (i, end) }
            i += 1
        }
        return nil
    }
}
