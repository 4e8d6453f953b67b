import Foundation
import VigilCore

/// Decodes `POST /api/v1/events`: one event object or a list of them.
///
/// ```json
/// {"title": "Deploy failed", "severity": "error", "source": "ci", "labels": {"service": "api"}}
/// ```
public enum GenericEvents {
    struct Body: Decodable {
        var title: String
        var severity: String?
        var source: String?
        var labels: [String: String]?
        var annotations: [String: String]?
        var time: Timestamp?
        var status: String?
    }

    enum OneOrMany: Decodable {
        case one(Body), many([Body])
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let list = try? c.decode([Body].self) { self = .many(list); return }
            if (try? c.decode([AnyJSON].self)) != nil { self = .many(try c.decode([Body].self)) ; return }
            self = .one(try c.decode(Body.self))
        }
    }

    /// Accepts any JSON value; used to tell "an array of bad events" from "not an array".
    struct AnyJSON: Decodable { init(from decoder: any Decoder) throws {} }

    public static func decode(_ body: [UInt8], now: Date, limits: IngestLimits) throws(IngestError) -> [GenericEvent] {
        let parsed = try JSONBody.decode(OneOrMany.self, from: body)
        let list: [Body]
        let prefix: (Int) -> String
        switch parsed {
        case .one(let b): list = [b]; prefix = { _ in "" }
        case .many(let bs): list = bs; prefix = { "[\($0)]." }
        }
        guard list.count <= limits.maxAlertsPerRequest else {
            throw .invalid("body: \(list.count) events, at most \(limits.maxAlertsPerRequest) per request")
        }
        var out: [GenericEvent] = []
        for (i, e) in list.enumerated() {
            let title = e.title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else { throw .invalid("\(prefix(i))title: must not be empty") }
            guard title.utf8.count <= 1024 else { throw .invalid("\(prefix(i))title: longer than 1024 bytes") }
            try LabelValidation.check(e.labels ?? [:], field: "\(prefix(i))labels", limits: limits, requireOne: false)
            try LabelValidation.check(e.annotations ?? [:], field: "\(prefix(i))annotations", limits: limits, requireOne: false)
            if let s = e.severity, !Severity.allCases.map(\.rawValue).contains(s.lowercased()),
               Severity(label: s) == .info, s.lowercased() != "info" {
                throw .invalid("\(prefix(i))severity: expected one of info, warning, error, critical; got '\(s.prefix(32))'")
            }
            let resolved: Bool
            switch e.status ?? "firing" {
            case "firing": resolved = false
            case "resolved": resolved = true
            default: throw .invalid("\(prefix(i))status: expected \"firing\" or \"resolved\"")
            }
            out.append(GenericEvent(title: title, severity: Severity(label: e.severity ?? "warning"),
                                    source: e.source ?? "api", labels: e.labels ?? [:],
                                    annotations: e.annotations ?? [:], time: e.time?.date ?? now, resolved: resolved))
        }
        return out
    }
}
