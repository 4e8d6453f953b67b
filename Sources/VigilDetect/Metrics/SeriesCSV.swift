import Foundation
import VigilCore

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
        let b = text.utf8
        if b.count < 19 || b.dropFirst(4).first != UInt8(ascii: "-") {
            guard let secs = Double(text), secs.isFinite else { return nil }
            return Date(timeIntervalSince1970: secs)
        }
        return RFC3339.parse(text, zoneOptional: true)
    }
}
