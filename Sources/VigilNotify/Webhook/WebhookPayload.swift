import Foundation
import VigilCore

/// The JSON body a webhook receives (`version: "1"`).
struct WebhookPayload: Encodable {
    struct IncidentBody: Encodable {
        var id, title, status, severity, groupKey: String
        var groupLabels: LabelSet
        var openedAt: String
        var resolvedAt: String?
        var acknowledgedBy: String?
        var alertCount: Int
    }

    struct AlertBody: Encodable {
        var fingerprint: String
        var status: String
        var labels, annotations: LabelSet
        var startsAt: String
        var endsAt: String?
        var generatorURL: String?
    }

    var version = "1"
    var event: String
    var dedupKey: String
    var time: String
    var incident: IncidentBody
    var alerts: [AlertBody]

    init(_ n: IncidentNotification) {
        event = "incident.\(n.kind.rawValue)"
        dedupKey = n.dedupKey
        time = RFC3339.format(n.time)
        let i = n.incident
        incident = IncidentBody(id: i.id, title: i.title, status: i.status.rawValue, severity: i.severity.rawValue,
                                groupKey: i.groupKey, groupLabels: i.groupLabels, openedAt: RFC3339.format(i.openedAt),
                                resolvedAt: i.resolvedAt.map(RFC3339.format), acknowledgedBy: i.acknowledgedBy,
                                alertCount: i.alertCount)
        alerts = n.alerts.map { a in
            AlertBody(fingerprint: a.fingerprint.description, status: a.isResolved(at: n.time) ? "resolved" : "firing",
                      labels: a.labels, annotations: a.annotations, startsAt: RFC3339.format(a.startsAt),
                      endsAt: a.endsAt.map(RFC3339.format), generatorURL: a.generatorURL)
        }
    }

    func encoded() -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return (try? Array(enc.encode(self))) ?? []
    }
}
