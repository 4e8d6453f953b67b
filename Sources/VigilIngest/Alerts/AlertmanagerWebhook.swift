import Foundation
import VigilCore

/// Decodes Alertmanager's webhook payload (version 4), as a `webhook_configs`
/// receiver sends it.
///
/// ```swift
/// let alerts = try AlertmanagerWebhook.decode(bytes, now: clock.now(), limits: .init())
/// ```
public enum AlertmanagerWebhook {
    struct Payload: Decodable {
        var version: String?
        var status: String?
        var alerts: [WebhookAlert]
    }

    struct WebhookAlert: Decodable {
        var status: String
        var labels: [String: String]
        var annotations: [String: String]?
        var startsAt: Timestamp?
        var endsAt: Timestamp?
        var generatorURL: String?
        var fingerprint: String?
    }

    public static func decode(_ body: [UInt8], now: Date, limits: IngestLimits) throws(IngestError) -> [Alert] {
        let payload = try JSONBody.decode(Payload.self, from: body)
        if let v = payload.version, v != "4" {
            throw .invalid("version: unsupported webhook version '\(v.prefix(16))' (expected \"4\")")
        }
        guard payload.alerts.count <= limits.maxAlertsPerRequest else {
            throw .invalid("alerts: \(payload.alerts.count) alerts, at most \(limits.maxAlertsPerRequest) per request")
        }
        var out: [Alert] = []
        out.reserveCapacity(payload.alerts.count)
        for (i, a) in payload.alerts.enumerated() {
            try LabelValidation.check(a.labels, field: "alerts[\(i)].labels", limits: limits, requireOne: true)
            try LabelValidation.check(a.annotations ?? [:], field: "alerts[\(i)].annotations", limits: limits, requireOne: false)
            let endsAt: Date?
            switch a.status {
            // Firing alerts stay firing until Alertmanager says "resolved" (send_resolved); its endsAt
            // is only a resend deadline between Alertmanager and its sources.
            case "firing": endsAt = nil
            case "resolved": endsAt = min(a.endsAt?.date ?? now, now)
            default: throw .invalid("alerts[\(i)].status: expected \"firing\" or \"resolved\", got '\(a.status.prefix(32))'")
            }
            out.append(Alert(labels: a.labels, annotations: a.annotations ?? [:], startsAt: a.startsAt?.date ?? now,
                             endsAt: endsAt, generatorURL: a.generatorURL, source: "alertmanager"))
        }
        return out
    }
}
