import VigilCore

/// Parses a series written the canonical way, `name{label="value",…}` (as `SeriesKey` prints
/// it), into its key; errors name the column.
///
/// ```swift
/// let key = try SeriesSelector.parse(#"host_load1{host="db1"}"#)
/// ```
public enum SeriesSelector {
    public static func parse(_ text: String) throws(ExpositionError) -> SeriesKey {
        let bytes = Array(text.utf8)
        var c = ExpositionLine(bytes[...], lineNumber: 1)
        let name = try c.name(colon: true, what: "a metric name")
        var labels: LabelSet = [:]
        if c.peek == 0x7B { labels = try c.labels() }
        guard c.atEnd else { throw c.error("unexpected text after the series") }
        return SeriesKey(name: name, labels: labels)
    }
}
