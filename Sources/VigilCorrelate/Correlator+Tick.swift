import Foundation
import VigilCore

extension Correlator {
    /// Advances time: resolves alerts whose `endsAt` passed, lets alerts out
    /// of expired silences, sends due notifications and forgets what is old.
    /// Costs what is due, not how many alerts are tracked.
    public mutating func tick(silences: [Silence], now: Date) -> CorrelationChanges {
        var changes = CorrelationChanges()
        for fp in index.expired(at: now) {
            guard var alert = index[fp] else { continue }
            alert.alert.endsAt = index.deadline(of: alert)
            resolve(&alert, now: now, into: &changes)
        }
        releaseSuppressed(silences: silences, now: now, into: &changes)
        scheduleReminders(now: now)
        for key in pendingNotification {
            guard var incident = incidentsByKey[key], let due = incident.notification.dueAt, due <= now else { continue }
            guard incident.status.isActive else {
                incident.notification.dueAt = nil
                store(incident, into: &changes)
                continue
            }
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

    /// Suppressed alerts whose silence or inhibitor is gone join their incident.
    private mutating func releaseSuppressed(silences: [Silence], now: Date, into changes: inout CorrelationChanges) {
        guard !index.suppressed.isEmpty else { return }
        let muter = muter(silences: silences)
        for fp in index.suppressed {
            guard var alert = index[fp] else { continue }
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

    /// Marks announced incidents still open after `repeatInterval` as due again.
    private mutating func scheduleReminders(now: Date) {
        for (key, last) in announcedAt where now.timeIntervalSince(last) >= config.repeatInterval {
            guard var incident = incidentsByKey[key], incident.notification.dueAt == nil else { continue }
            incident.notification.dueAt = now
            incidentsByKey[key] = incident
            pendingNotification.insert(key)
        }
    }

    /// Drops resolved incidents past the reopen window, with their resolved alerts.
    private mutating func forget(before now: Date) {
        for key in resolvedKeys {
            guard let inc = incidentsByKey[key], let r = inc.resolvedAt, now.timeIntervalSince(r) > config.reopenWindow else { continue }
            removeIncident(key: key)
        }
    }
}
