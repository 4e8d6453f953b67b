/// A token of a rule condition, with where it starts (1-based line and column).
struct ConditionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(Double)
        /// A name: signals, keywords, units, function names.
        case word(String)
        /// A quoted string, unescaped.
        case string(String)
        /// An operator or punctuation: `>`, `>=`, `(`, `%`, `,` …
        case symbol(String)
        case end
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// True when nothing separates this token from the previous one (`5m` as opposed to `5 m`).
    var attached: Bool

    /// How the token is named in error messages.
    var display: String {
        switch kind {
        case .number(let v): "'\(v.formatted)'"
        case .word(let w): "'\(w)'"
        case .string(let s): "the string '\(s)'"
        case .symbol(let s): "'\(s)'"
        case .end: "the end of the condition"
        }
    }

    /// The word, lowercased, if the token is one.
    var keyword: String? {
        if case .word(let w) = kind { return w.lowercased() }
        return nil
    }

    func isSymbol(_ s: String) -> Bool { kind == .symbol(s) }
}

/// Splits condition text into tokens; fails at the first character that cannot start one.
enum ConditionLexer {
    static let symbols = [">=", "<=", "==", "!=", ">", "<", "=", "+", "-", "*", "/", "%", "(", ")", ",", ":", "{", "}"]

    static func tokens(_ text: String) throws(ConditionParseError) -> [ConditionToken] {
        let chars = Array(text)
        var out: [ConditionToken] = []
        var i = 0, line = 1, column = 1
        var attached = false
        func advance(_ n: Int) {
            for _ in 0..<n {
                if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                advance(1)
                attached = false
                continue
            }
            let (startLine, startColumn) = (line, column)
            func emit(_ kind: ConditionToken.Kind) {
                out.append(ConditionToken(kind: kind, line: startLine, column: startColumn, attached: attached && !out.isEmpty))
            }
            if c.isASCII, c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." || chars[j] == "_" { j += 1 }
                // an exponent: 1e6, 2.5E-3
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                        while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
                        j = k
                    }
                }
                let digits = String(chars[i..<j].filter { $0 != "_" })
                guard let value = Double(digits) else {
                    throw ConditionParseError(line: line, column: column, message: "malformed number '\(digits)'")
                }
                emit(.number(value))
                advance(j - i)
            } else if c.isLetter || c == "_" {
                var j = i
                // a word directly after a number is a unit: letters only, so `1h30m` is 1 h 30 m
                let unitOnly = attached && out.last.map { if case .number = $0.kind { true } else { false } } == true
                // names may hold digits, `.` and `:` (recording rules: `job:rate5m`), but not end in them
                func inName(_ k: Int) -> Bool {
                    guard k < chars.count else { return false }
                    let ch = chars[k]
                    if ch.isLetter || ch == "_" { return true }
                    if unitOnly { return false }
                    if ch.isNumber { return true }
                    return (ch == "." || ch == ":") && k + 1 < chars.count && (chars[k + 1].isLetter || chars[k + 1].isNumber || chars[k + 1] == "_")
                }
                while inName(j) { j += 1 }
                emit(.word(String(chars[i..<j])))
                advance(j - i)
            } else if c == "'" || c == "\"" {
                var j = i + 1
                var value = ""
                while j < chars.count, chars[j] != c {
                    if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                    value.append(chars[j])
                    j += 1
                }
                guard j < chars.count else {
                    throw ConditionParseError(line: line, column: column, message: "unterminated string (expected a closing \(c))")
                }
                emit(.string(value))
                advance(j + 1 - i)
            } else if let s = symbols.first(where: { matches($0, chars, at: i) }) {
                emit(.symbol(s))
                advance(s.count)
            } else {
                throw ConditionParseError(line: line, column: column, message: "unexpected character '\(c)'")
            }
            attached = true
        }
        out.append(ConditionToken(kind: .end, line: line, column: column, attached: false))
        return out
    }

    private static func matches(_ symbol: String, _ chars: [Character], at i: Int) -> Bool {
        let s = Array(symbol)
        return i + s.count <= chars.count && Array(chars[i..<(i + s.count)]) == s
    }
}

extension Double {
    /// `80`, `1.2`, `0.001` — no trailing `.0`.
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
