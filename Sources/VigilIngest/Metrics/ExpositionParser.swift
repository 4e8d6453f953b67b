import Foundation
import VigilCore

/// Parses a Prometheus text exposition (0.0.4) or an OpenMetrics 1.0 exposition into
/// metric families. Any malformed line refuses the whole body with an `ExpositionError`
/// naming its line and column.
///
/// ```swift
/// let families = try ExpositionParser.parse(bytes, format: .from(contentType: contentType))
/// ```
public enum ExpositionParser {
    public static func parse(_ text: String, format: ExpositionFormat) throws(ExpositionError) -> [MetricFamily] {
        try parse(Array(text.utf8), format: format)
    }

    public static func parse(_ body: [UInt8], format: ExpositionFormat) throws(ExpositionError) -> [MetricFamily] {
        var state = ParseState(format: format)
        var lineNumber = 0
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() } // the final newline
        for raw in lines {
            lineNumber += 1
            let line = raw.last == 0x0D ? raw.dropLast() : raw
            var cursor = ExpositionLine(line, lineNumber: lineNumber)
            if state.sawEOF { throw cursor.error("content after '# EOF'") }
            if line.isEmpty || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                if format == .openMetrics { throw cursor.error("empty lines are not allowed in OpenMetrics") }
                continue
            }
            if line.first == 0x23 {
                try state.comment(&cursor)
            } else {
                try state.sample(&cursor)
            }
        }
        if format == .openMetrics, !state.sawEOF {
            throw ExpositionError(line: lineNumber + 1, column: 1, message: "missing '# EOF' at the end of an OpenMetrics exposition")
        }
        return state.families
    }
}

/// What the parser knows so far.
struct ParseState {
    let format: ExpositionFormat
    var families: [MetricFamily] = []
    var index: [String: Int] = [:]
    var hasType: Set<String> = []
    var seen: Set<String> = []
    var sawEOF = false

    init(format: ExpositionFormat) { self.format = format }

    mutating func comment(_ c: inout ExpositionLine) throws(ExpositionError) {
        c.index += 1
        c.skipSpaces()
        let (keyword, _) = c.token()
        switch keyword {
        case "HELP", "TYPE", "UNIT":
            if keyword == "UNIT", format == .text { return } // a plain comment in 0.0.4
            try c.requireSpace(before: "a metric name")
            let nameColumn = c.column
            let name = try c.name(colon: true, what: "a metric name after # \(keyword)")
            var rest = ""
            if !c.atEnd {
                try c.requireSpace(before: "the \(keyword.lowercased()) text")
                rest = String(decoding: c.bytes[c.index...], as: UTF8.self)
            }
            try declare(keyword, name: name, rest: rest, cursor: c, nameColumn: nameColumn)
        case "EOF" where format == .openMetrics:
            guard c.atEnd else { throw c.error("unexpected text after '# EOF'") }
            sawEOF = true
        default:
            if format == .openMetrics { throw c.error("unknown comment; OpenMetrics allows only HELP, TYPE, UNIT and EOF", at: 1) }
        }
    }

    private mutating func declare(_ keyword: String, name: String, rest: String, cursor c: ExpositionLine,
                                  nameColumn: Int) throws(ExpositionError) {
        let i = family(named: name)
        switch keyword {
        case "HELP":
            guard families[i].help == nil else { throw c.error("second HELP for '\(name)'", at: nameColumn) }
            families[i].help = rest.unescapingHelp()
        case "UNIT":
            guard families[i].unit == nil else { throw c.error("second UNIT for '\(name)'", at: nameColumn) }
            guard rest.isEmpty || name.hasSuffix("_" + rest) else {
                throw c.error("metric name '\(name)' must end with its unit '_\(rest)'", at: nameColumn)
            }
            families[i].unit = rest
        default:
            let typeColumn = c.column
            guard let type = MetricType(rawValue: rest.trimmingCharacters(in: .whitespaces)),
                  format == .openMetrics || [.counter, .gauge, .histogram, .summary, .untyped].contains(type) else {
                throw c.error("unknown metric type '\(rest.prefix(40))'", at: typeColumn)
            }
            guard hasType.insert(name).inserted else { throw c.error("second TYPE for '\(name)'", at: nameColumn) }
            guard families[i].samples.isEmpty else {
                throw c.error("TYPE for '\(name)' after its samples", at: nameColumn)
            }
            families[i].type = type
        }
    }

    /// The family declared under `name`, created if new.
    private mutating func family(named name: String) -> Int {
        if let i = index[name] { return i }
        families.append(MetricFamily(name: name))
        index[name] = families.count - 1
        return families.count - 1
    }

    /// The family a sample name belongs to: its own, or a typed one it is a suffix of.
    private mutating func owner(of name: String) -> Int {
        if let i = index[name], families[i].type.suffixes.isEmpty || hasType.contains(name) && format == .text {
            return i
        }
        for suffix in ["_total", "_bucket", "_count", "_sum", "_created", "_gcount", "_gsum", "_info"] where name.hasSuffix(suffix) {
            if let i = index[String(name.dropLast(suffix.count))], families[i].type.suffixes.contains(suffix) { return i }
        }
        return family(named: name)
    }

    mutating func sample(_ c: inout ExpositionLine) throws(ExpositionError) {
        let name = try c.name(colon: true, what: "a metric name")
        var labels: LabelSet = [:]
        let afterName = c.index
        c.skipSpaces()
        if c.peek == 0x7B { labels = try c.labels() } else { c.index = afterName }
        try c.requireSpace(before: "the value")
        let (valueText, valueColumn) = c.token()
        guard let value = ExpositionLine.value(valueText) else {
            throw c.error("invalid value '\(valueText.prefix(40))'", at: valueColumn)
        }
        c.skipSpaces()
        let timestamp = try self.timestamp(&c)
        c.skipSpaces()
        if !c.atEnd, !(format == .openMetrics && c.peek == 0x23) { // OpenMetrics exemplars are ignored
            throw c.error("unexpected text after the sample")
        }
        let i = owner(of: name)
        try check(name: name, labels: labels, family: families[i], cursor: c)
        guard seen.insert(SeriesKey(name: name, labels: labels).key).inserted else {
            throw c.error("duplicate series \(SeriesKey(name: name, labels: labels))", at: 1)
        }
        families[i].samples.append(ScrapedSample(name: name, labels: labels, value: value, timestamp: timestamp))
    }

    private func timestamp(_ c: inout ExpositionLine) throws(ExpositionError) -> Date? {
        guard !c.atEnd, c.peek != 0x23 else { return nil }
        let (text, column) = c.token()
        switch format {
        case .text:
            guard let ms = Int64(text) else { throw c.error("invalid timestamp '\(text.prefix(40))' (integer milliseconds)", at: column) }
            return Date(timeIntervalSince1970: Double(ms) / 1000)
        case .openMetrics:
            guard let s = ExpositionLine.value(text), s.isFinite else {
                throw c.error("invalid timestamp '\(text.prefix(40))' (seconds)", at: column)
            }
            return Date(timeIntervalSince1970: s)
        }
    }

    /// Histogram buckets need a numeric `le`, summary quantiles a numeric `quantile`.
    private func check(name: String, labels: LabelSet, family f: MetricFamily, cursor c: ExpositionLine) throws(ExpositionError) {
        if f.type == .histogram || f.type == .gaugehistogram, name == f.name + "_bucket" {
            guard let le = labels["le"], ExpositionLine.value(le) != nil else {
                throw c.error("histogram bucket '\(name)' needs a numeric 'le' label", at: 1)
            }
        }
        if f.type == .summary, name == f.name {
            guard let q = labels["quantile"], ExpositionLine.value(q) != nil else {
                throw c.error("summary '\(name)' needs a numeric 'quantile' label", at: 1)
            }
        }
        if format == .openMetrics, f.type == .counter, name == f.name {
            throw c.error("OpenMetrics counter samples end in '_total' (got '\(name)')", at: 1)
        }
    }
}
