import Foundation

/// One value of one metric series at one time.
///
/// ```swift
/// let s = MetricSample(name: "host_load1", labels: ["host": "db1"], time: now, value: 0.42)
/// print(s.series) // host_load1{host="db1"}
/// ```
public struct MetricSample: Sendable, Hashable, Codable {
    public var name: String
    /// The series labels, without `__name__`.
    public var labels: LabelSet
    public var time: Date
    public var value: Double

    public init(name: String, labels: LabelSet = [:], time: Date, value: Double) {
        self.name = name
        self.labels = labels
        self.time = time
        self.value = value
    }

    /// The series this sample belongs to.
    public var series: SeriesKey { SeriesKey(name: name, labels: labels) }
}

/// A series' identity: its name and labels, printed in the stable canonical form
/// `name{a="1",b="2"}` (labels sorted by name, values escaped as Prometheus does).
/// Two equal key strings always mean the same series.
public struct SeriesKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let name: String
    public let labels: LabelSet
    /// The canonical text form; stable across runs and processes.
    public let key: String

    public init(name: String, labels: LabelSet = [:]) {
        self.name = name
        self.labels = labels
        self.key = Self.canonical(name: name, labels: labels)
    }

    public var description: String { key }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool { a.key < b.key }
    public static func == (a: SeriesKey, b: SeriesKey) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    enum CodingKeys: String, CodingKey { case name, labels }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), labels: try c.decodeIfPresent(LabelSet.self, forKey: .labels) ?? [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(labels, forKey: .labels)
    }

    static func canonical(name: String, labels: LabelSet) -> String {
        guard !labels.isEmpty else { return name }
        var out = name + "{"
        for (i, label) in labels.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if i > 0 { out += "," }
            out += label + "=\"" + escape(labels[label] ?? "") + "\""
        }
        return out + "}"
    }

    /// Escapes a label value the way the Prometheus text format does (`\\`, `\"`, `\n`).
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var out = ""
        for ch in value {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }
}
