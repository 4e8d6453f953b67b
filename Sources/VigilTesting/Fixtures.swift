import Foundation
import VigilCore

/// Builders for test values with sensible defaults.
public enum Fixtures {
    public static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    /// A firing alert named `name` with extra labels.
    public static func alert(_ name: String, _ labels: LabelSet = [:], severity: String = "warning",
                             startsAt: Date = epoch, endsAt: Date? = nil, source: String = "prometheus") -> Alert {
        var l = labels
        l["alertname"] = name
        if l["severity"] == nil { l["severity"] = severity }
        return Alert(labels: l, annotations: ["summary": "\(name) fired"], startsAt: startsAt, endsAt: endsAt, source: source)
    }

    public static func silence(_ matchers: String, from start: Date = epoch, for seconds: TimeInterval = 3600,
                               id: String = "sil_test") throws -> Silence {
        Silence(id: id, matchers: try Matcher.parseList(matchers), startsAt: start, endsAt: start.addingTimeInterval(seconds),
                createdBy: "test", comment: "", createdAt: start)
    }
}
