import Foundation
import VigilCore

extension Correlator {
    /// Advances time: resolves alerts whose `endsAt` passed, lets alerts out
    /// of expired silences, sends due notifications and forgets what is old.
    public mutating func tick(silences: [Silence], now: Date) -> CorrelationChanges {
        var changes = CorrelationChanges()
        for (_, a) in alerts where a.status != .resolved {
            guard let endsAt = a.alert.endsAt, endsAt <= now else { continue }
            var alert = a
            resolve(&alert, now: now, into: &changes)
        }
        let suppressed = alerts.values.filter { $0.status == .suppressed }
        if !suppressed.isEmpty {
            let muter = muter(silences: silences)
            for a in suppressed {
                var alert = a
                let reason = muter.mutes(alert.alert.labels, at: now)
                if reason.isMuted {
                    if reason.silences != alert.silencedBy || reason.inhibitors != alert.inhibitedBy {
                        alert.silencedBy = reason.silences
                        alert.inhibitedBy = reason.inhibitors
                        alert.updatedAt = now
                        setAlert(alert)
                        changes.record(alert)
                    }
                } else {
                    alert.silencedBy = []
                    alert.inhibitedBy = []
                    attach(&alert, now: now, into: &changes)
                }
            }
        }
        for (_, inc) in incidentsByKey {
            var incident = inc
            if incident.status.isActive, incident.notification.announcedOpen, incident.notification.dueAt == nil,
               let last = incident.notification.lastSentAt, now.timeIntervalSince(last) >= config.repeatInterval {
                incident.notification.dueAt = now
            }
            guard let due = incident.notification.dueAt, due <= now, incident.status.isActive else { continue }
            let kind: IncidentNotification.Kind =
                incident.notification.announcedOpen ? .updated : (incident.reopenCount > 0 ? .reopened : .opened)
            incident.notification.dueAt = nil
            incident.notification.lastSentAt = now
            incident.notification.announcedOpen = true
            changes.record(IncidentEvent(incidentID: incident.id, time: now, kind: .notified, detail: kind.rawValue))
            changes.record(IncidentNotification(kind: kind, incident: incident, alerts: members(of: incident.id), time: now))
            store(incident, into: &changes)
        }
        forget(before: now)
        return changes
    }

    /// Drops resolved incidents past the reopen window and resolved alerts nobody needs.
    private mutating func forget(before now: Date) {
        var gone: Set<String> = []
        for (key, inc) in incidentsByKey where inc.status == .resolved {
            if let r = inc.resolvedAt, now.timeIntervalSince(r) > config.reopenWindow {
                gone.insert(inc.id)
                removeIncident(key: key)
            }
        }
        for (fp, a) in alerts where a.status == .resolved {
            if a.incidentID == nil || gone.contains(a.incidentID!) || incident(id: a.incidentID!) == nil {
                removeAlert(fp)
            }
        }
    }
}
