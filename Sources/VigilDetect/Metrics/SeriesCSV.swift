import Foundation

/// A line of a series CSV that could not be read.
public struct SeriesCSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the input (the header is line 1).
    public var line: Int
    /// What is wrong with it.
    public var message: String

    /// Creates an error for `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Reader for the `timestamp,value` series files of `vigil metrics score`.
///
/// The header names the columns (`timestamp` and `value`, any order, other columns
/// ignored). Timestamps are `YYYY-MM-DD HH:MM:SS[.fff]` (taken as UTC), RFC 3339
/// (`2024-05-01T12:00:00Z`, `…+02:00`) or unix seconds; values are decimal numbers
/// (`nan`/`inf` are accepted and left to the detector, which ignores them).
/// Blank lines are skipped; anything else that does not parse is an error naming its line.
public enum SeriesCSV {
    /// One data row.
    public struct Row: Sendable, Equatable {
        /// 1-based line number in the input.
        public var line: Int
        /// Parsed timestamp.
        public var time: Date
        /// Parsed value.
        public var value: Double
        /// The timestamp and value fields exactly as written.
        public var timestampText: String
        public var valueText: String
    }

    /// Parses a whole file's text.
    public static func parse(_ text: String) throws(SeriesCSVError) -> [Row] {
        var rows: [Row] = []
        var timeColumn = -1
        var valueColumn = -1
        var columns = 0
        var lineNumber = 0
        var sawHeader = false
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var bytes = rawLine
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            let line = Substring(bytes)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(clean)
            if !sawHeader {
                sawHeader = true
                let names = fields.map { $0.lowercased() }
                guard let ti = names.firstIndex(of: "timestamp"), let vi = names.firstIndex(of: "value") else {
                    throw SeriesCSVError(
                        line: lineNumber,
                        message: "expected a header naming columns 'timestamp' and 'value', found '\(excerpt(line))'")
                }
                timeColumn = ti
                valueColumn = vi
                columns = fields.count
                continue
            }
            guard fields.count == columns else {
                throw SeriesCSVError(
                    line: lineNumber, message: "expected \(columns) fields, found \(fields.count) in '\(excerpt(line))'")
            }
            let ts = fields[timeColumn]
            let vs = fields[valueColumn]
            guard let time = parseTimestamp(ts) else {
                throw SeriesCSVError(
                    line: lineNumber,
                    message: "bad timestamp '\(ts)' (want YYYY-MM-DD HH:MM:SS, RFC 3339 or unix seconds)")
            }
            guard !vs.isEmpty, let value = Double(vs) else {
                throw SeriesCSVError(line: lineNumber, message: "bad value '\(vs)' (want a decimal number)")
            }
            rows.append(Row(line: lineNumber, time: time, value: value, timestampText: ts, valueText: vs))
        }
        guard sawHeader else { throw SeriesCSVError(line: 1, message: "empty input: expected a 'timestamp,value' header") }
        return rows
    }

    private static func excerpt(_ line: Substring) -> String {
        line.count > 80 ? String(line.prefix(77)) + "..." : String(line)
    }

    private static func clean(_ field: Substring) -> String {
        var f = field.trimmingCharacters(in: .whitespaces)
        if f.count >= 2, f.hasPrefix("\""), f.hasSuffix("\"") { f = String(f.dropFirst().dropLast()) }
        return f
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|±HH:MM]` (no zone means UTC) or unix seconds.
    public static func parseTimestamp(_ text: String) -> Date? {
        let b = Array(text.utf8)
        if b.count < 19 || b[4] != UInt8(ascii: "-") {
            guard let secs = Double(text), secs.isFinite else { return nil }
            return Date(timeIntervalSince1970: secs)
        }
        func num(_ from: Int, _ len: Int) -> Int? {
            var v = 0
            for i in from..<(from + len) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = num(0, 4), b[7] == UInt8(ascii: "-"), let month = num(5, 2), let day = num(8, 2),
              b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let hour = num(11, 2), b[13] == UInt8(ascii: ":"), let minute = num(14, 2),
              b[16] == UInt8(ascii: ":"), let second = num(17, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < b.count {
            switch b[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                guard i + 1 == b.count else { return nil }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard i + 6 == b.count, let oh = num(i + 1, 2), b[i + 3] == UInt8(ascii: ":"),
                      let om = num(i + 4, 2), oh < 24, om < 60 else { return nil }
                offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
            default:
                return nil
            }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let secs = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: secs)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
