/// A /proc file that did not have the expected shape: which file, which line, what was wrong.
public struct ProcParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Splits /proc text into lines of whitespace-separated fields, numbering lines from 1.
enum ProcText {
    static func rows(_ text: String) -> [(line: Int, fields: [Substring])] {
        var out: [(Int, [Substring])] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if !fields.isEmpty { out.append((i + 1, fields)) }
        }
        return out
    }

    /// Field `index` as an unsigned counter, or an error naming it.
    static func number(_ fields: [Substring], _ index: Int, file: String, line: Int, what: String) throws(ProcParseError) -> Double {
        guard index < fields.count else {
            throw ProcParseError(file: file, line: line, message: "missing field \(index + 1) (\(what))")
        }
        guard let v = UInt64(fields[index]) else {
            throw ProcParseError(file: file, line: line, message: "field \(index + 1) (\(what)) is not a number: '\(fields[index].prefix(32))'")
        }
        return Double(v)
    }
}
