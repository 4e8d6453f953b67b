import Foundation

extension Matcher {
    /// Parses one matcher: `alertname=Foo`, `job!="api"`, `instance=~"db[0-9]+"`.
    /// Quotes are optional for values without spaces, commas or braces.
    public static func parse(_ text: String) throws(MatcherError) -> Matcher {
        var scanner = MatcherScanner(Substring(text))
        let m = try scanner.matcher()
        scanner.skipSpaces()
        guard scanner.atEnd else { throw MatcherError("unexpected '\(scanner.rest)' after matcher in '\(text)'") }
        return m
    }

    /// Parses a list: `{a="1", b=~"x.*"}`, `a=1,b!=2` or space-separated `a=1 b=2`.
    public static func parseList(_ text: String) throws(MatcherError) -> [Matcher] {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.hasPrefix("{") {
            guard body.hasSuffix("}") else { throw MatcherError("missing closing '}' in '\(text)'") }
            body = body.dropFirst().dropLast()
        }
        var scanner = MatcherScanner(body)
        var result: [Matcher] = []
        scanner.skipSeparators()
        while !scanner.atEnd {
            result.append(try scanner.matcher())
            scanner.skipSeparators()
        }
        return result
    }
}

private struct MatcherScanner {
    var s: Substring
    init(_ s: Substring) { self.s = s }

    var atEnd: Bool { s.isEmpty }
    var rest: String { String(s) }

    mutating func skipSpaces() { s = s.drop(while: { $0 == " " || $0 == "\t" }) }
    mutating func skipSeparators() { s = s.drop(while: { $0 == " " || $0 == "\t" || $0 == "," }) }

    mutating func matcher() throws(MatcherError) -> Matcher {
        skipSpaces()
        let name = s.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" })
        guard !name.isEmpty else { throw MatcherError("expected a label name at '\(rest)'") }
        s = s.dropFirst(name.count)
        skipSpaces()
        let op: Matcher.Operation
        if s.hasPrefix("=~") { op = .regex } else if s.hasPrefix("!~") { op = .notRegex }
        else if s.hasPrefix("!=") { op = .notEqual } else if s.hasPrefix("=") { op = .equal }
        else { throw MatcherError("expected one of =, !=, =~, !~ after '\(name)'") }
        s = s.dropFirst(op.rawValue.count)
        skipSpaces()
        let value = try self.value()
        return try Matcher(name: String(name), operation: op, value: value)
    }

    mutating func value() throws(MatcherError) -> String {
        guard let quote = s.first, quote == "\"" || quote == "'" else {
            let v = s.prefix(while: { $0 != "," && $0 != " " && $0 != "}" && $0 != "\t" })
            s = s.dropFirst(v.count)
            return String(v)
        }
        s = s.dropFirst()
        var out = ""
        while let c = s.first {
            s = s.dropFirst()
            if c == quote { return out }
            if c == "\\", let next = s.first {
                s = s.dropFirst()
                switch next {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\"", "'", "\\": out.append(next)
                default: out.append("\\"); out.append(next) // keep regex escapes such as \d

                }
            } else {
                out.append(c)
            }
        }
        throw MatcherError("unterminated quoted value")
    }
}
