import Foundation
import VigilCore

/// Decodes the body of Alertmanager's `POST /api/v2/alerts`: a list of
/// postable alerts, as Prometheus sends them to its `alertmanagers`.
public enum AlertmanagerAPIv2 {
    struct PostableAlert: Decodable {
        var labels: [String: String]
        var annotations: [String: String]?
        var startsAt: Timestamp?
        var endsAt: Timestamp?
        var generatorURL: String?

        init(labels: [String: String]) { self.labels = labels }
    }

    public static func decode(_ body: [UInt8], now: Date, limits: IngestLimits) throws(IngestError) -> [Alert] {
        let list: [PostableAlert]
        if let fast = fastList(body) { list = fast } else { list = try JSONBody.decode([PostableAlert].self, from: body) }
        guard list.count <= limits.maxAlertsPerRequest else {
            throw .invalid("body: \(list.count) alerts, at most \(limits.maxAlertsPerRequest) per request")
        }
        var out: [Alert] = []
        out.reserveCapacity(list.count)
        for (i, a) in list.enumerated() {
            try LabelValidation.check(a.labels, field: "[\(i)].labels", limits: limits, requireOne: true)
            try LabelValidation.check(a.annotations ?? [:], field: "[\(i)].annotations", limits: limits, requireOne: false)
            // As Alertmanager: without startsAt, an alert sent with only a (past) endsAt started when it ended.
            let startsAt = a.startsAt?.date ?? a.endsAt?.date.map { min($0, now) } ?? now
            if let end = a.endsAt?.date, end < startsAt {
                throw .invalid("[\(i)].endsAt: is before startsAt")
            }
            out.append(Alert(labels: a.labels, annotations: a.annotations ?? [:], startsAt: startsAt,
                             endsAt: a.endsAt?.date, generatorURL: a.generatorURL, source: "prometheus"))
        }
        return out
    }

    /// The common case without Foundation's decoder; nil sends the body down the precise (slower) path.
    static func fastList(_ body: [UInt8]) -> [PostableAlert]? {
        guard String(validating: body, as: UTF8.self) != nil, case .array(let items)? = FastJSON.parse(body) else { return nil }
        var out: [PostableAlert] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .object = item, let labels = item["labels"]?.stringMap else { return nil }
            var a = PostableAlert(labels: labels)
            switch item["annotations"] {
            case nil, .null?: break
            case let v?: guard let m = v.stringMap else { return nil }; a.annotations = m
            }
            for (key, assign) in [("startsAt", { (t: Timestamp) in a.startsAt = t }), ("endsAt", { (t: Timestamp) in a.endsAt = t })] {
                switch item[key] {
                case nil: break
                case .null?: assign(Timestamp(date: nil))
                case .string(let text)?: guard let t = Timestamp(text: text) else { return nil }; assign(t)
                default: return nil
                }
            }
            switch item["generatorURL"] {
            case nil, .null?: break
            case .string(let u)?: a.generatorURL = u
            default: return nil
            }
            out.append(a)
        }
        return out
    }
}
