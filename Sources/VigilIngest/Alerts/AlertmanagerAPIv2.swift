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
    }

    public static func decode(_ body: [UInt8], now: Date, limits: IngestLimits) throws(IngestError) -> [Alert] {
        let list = try JSONBody.decode([PostableAlert].self, from: body)
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
}
