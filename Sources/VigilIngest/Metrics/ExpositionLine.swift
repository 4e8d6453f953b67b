import Foundation
import VigilCore

/// A cursor over one line of an exposition, producing errors that point at a column.
struct ExpositionLine {
    let bytes: ArraySlice<UInt8>
    let lineNumber: Int
    var index: Int

    init(_ bytes: ArraySlice<UInt8>, lineNumber: Int) {
        self.bytes = bytes
        self.lineNumber = lineNumber
        self.index = bytes.startIndex
    }

    var atEnd: Bool { index >= bytes.endIndex }
    var peek: UInt8? { atEnd ? nil : bytes[index] }
    var column: Int { index - bytes.startIndex + 1 }

    func error(_ message: String, at column: Int? = nil) -> ExpositionError {
        ExpositionError(line: lineNumber, column: column ?? self.column, message: message)
    }

    mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 { index += 1 }
    }

    /// Requires at least one blank, then skips all of them.
    mutating func requireSpace(before what: String) throws(ExpositionError) {
        guard let c = peek, c == 0x20 || c == 0x09 else { throw error("expected a space before \(what)") }
        skipSpaces()
    }

    /// The bytes up to the next blank (or the end).
    mutating func token() -> (text: String, column: Int) {
        let start = index
        while let c = peek, c != 0x20, c != 0x09 { index += 1 }
        return (String(decoding: bytes[start..<index], as: UTF8.self), start - bytes.startIndex + 1)
    }

    static func isNameStart(_ c: UInt8, colon: Bool) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || (colon && c == 0x3A)
    }

    static func isNameByte(_ c: UInt8, colon: Bool) -> Bool {
        isNameStart(c, colon: colon) || (c >= 0x30 && c <= 0x39)
    }

    /// A metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`) or, with `colon: false`, a label name.
    mutating func name(colon: Bool, what: String) throws(ExpositionError) -> String {
        let start = index
        guard let c = peek, Self.isNameStart(c, colon: colon) else { throw error("expected \(what)") }
        index += 1
        while let c = peek, Self.isNameByte(c, colon: colon) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `{name="value",...}`, with `\\`, `\"` and `\n` escapes; a trailing comma is allowed.
    mutating func labels() throws(ExpositionError) -> LabelSet {
        var out: LabelSet = [:]
        index += 1 // "{"
        while true {
            skipSpaces()
            if peek == 0x7D { index += 1; return out }
            let nameColumn = column
            let label = try name(colon: false, what: "a label name or '}'")
            skipSpaces()
            guard peek == 0x3D else { throw error("expected '=' after label name '\(label)'") }
            index += 1
            skipSpaces()
            guard peek == 0x22 else { throw error("expected '\"' to open the value of label '\(label)'") }
            index += 1
            let value = try quoted(label: label)
            guard out.updateValue(value, forKey: label) == nil else {
                throw error("label '\(label)' appears twice", at: nameColumn)
            }
            skipSpaces()
            switch peek {
            case 0x2C: index += 1
            case 0x7D: index += 1; return out
            default: throw error("expected ',' or '}' after the value of label '\(label)'")
            }
        }
    }

    /// The rest of a quoted label value, up to and including the closing quote.
    private mutating func quoted(label: String) throws(ExpositionError) -> String {
        var out: [UInt8] = []
        while let c = peek {
            index += 1
            switch c {
            case 0x22: return String(decoding: out, as: UTF8.self)
            case 0x5C:
                switch peek {
                case 0x5C: out.append(0x5C)
                case 0x22: out.append(0x22)
                case 0x6E: out.append(0x0A)
                default: throw error("invalid escape in the value of label '\(label)' (only \\\\, \\\" and \\n)", at: column - 1)
                }
                index += 1
            default: out.append(c)
            }
        }
        throw error("unterminated value of label '\(label)'")
    }

    /// A sample value: a decimal or exponent number, `NaN`, `+Inf`, `-Inf` (Go's ParseFloat spellings).
    static func value(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "+inf", "inf", "+infinity", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default:
            guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains($0) })
            else { return nil }
            return Double(text)
        }
    }
}

extension String {
    /// Undoes HELP escaping: `\\` and `\n` (and `\"` in OpenMetrics); other backslashes stay.
    func unescapingHelp() -> String {
        guard contains("\\") else { return self }
        var out = ""
        var escaped = false
        for ch in self {
            if escaped {
                switch ch {
                case "n": out.append("\n")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                default: out.append("\\"); out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        if escaped { out.append("\\") }
        return out
    }
}
