import Foundation
import VigilCore

/// Turns alerts into incidents: dedups by fingerprint, mutes by silences and
/// inhibition, groups by `group_by`, resolves and reopens, and decides when
/// people are told. Pure: time comes in as `now`, effects go out as
/// `CorrelationChanges` for the caller to commit.
///
/// ```swift
/// var c = Correlator(config: .init(groupBy: ["alertname"]))
/// let changes = c.ingest([alert], silences: [], now: clock.now())
/// try await store.write { tx in try await tx.upsertAlerts(changes.changedAlerts) }
/// ```
public struct Correlator: Sendable {
    public var config: CorrelationConfig
    /// Alert episodes the correlator still tracks, by fingerprint.
    public private(set) var alerts: [Fingerprint: StoredAlert] = [:]
    /// The latest incident of each group key, while active or within the reopen window.
    public private(set) var incidentsByKey: [String: Incident] = [:]
    var keyByIncident: [String: String] = [:]
    var firingMembers: [String: Set<Fingerprint>] = [:]
    private let ids = IdentifierGenerator()

    public init(config: CorrelationConfig) {
        self.config = config
    }

    /// Rebuilds the working set from what the store holds (after a restart).
    public mutating func restore(alerts stored: [StoredAlert], incidents: [Incident]) {
        for inc in incidents {
            if let existing = incidentsByKey[inc.groupKey], existing.openedAt > inc.openedAt { continue }
            incidentsByKey[inc.groupKey] = inc
            keyByIncident[inc.id] = inc.groupKey
        }
        for a in stored {
            alerts[a.fingerprint] = a
            if a.status == .firing, let id = a.incidentID { firingMembers[id, default: []].insert(a.fingerprint) }
        }
    }

    public func incident(id: String) -> Incident? {
        keyByIncident[id].flatMap { incidentsByKey[$0] }
    }

    /// Alerts of the incident that the correlator still tracks.
    public func members(of incidentID: String) -> [Alert] {
        alerts.values.filter { $0.incidentID == incidentID }.map(\.alert).sorted { $0.startsAt < $1.startsAt }
    }

    mutating func setAlert(_ alert: StoredAlert) { alerts[alert.fingerprint] = alert }
    mutating func removeAlert(_ fp: Fingerprint) { alerts[fp] = nil }
    mutating func firingMembersClear(_ incidentID: String) { firingMembers[incidentID] = nil }

    mutating func removeIncident(key: String) {
        if let inc = incidentsByKey.removeValue(forKey: key) {
            keyByIncident[inc.id] = nil
            firingMembers[inc.id] = nil
        }
    }

    // MARK: ingest

    /// Takes a batch of alerts as received.
    public mutating func ingest(_ batch: [Alert], silences: [Silence], now: Date) -> CorrelationChanges {
        var changes = CorrelationChanges()
        for incoming in batch { ingest(incoming, silences: silences, now: now, into: &changes) }
        return changes
    }

    private mutating func ingest(_ raw: Alert, silences: [Silence], now: Date, into changes: inout CorrelationChanges) {
        var incoming = raw
        if incoming.endsAt == nil, incoming.source != "alertmanager" {
            incoming.endsAt = now.addingTimeInterval(config.resolveTimeout)
        }
        let fp = incoming.fingerprint
        if var existing = alerts[fp], existing.status != .resolved {
            if incoming.isResolved(at: now) {
                existing.alert.endsAt = incoming.endsAt
                existing.alert.annotations = incoming.annotations
                resolve(&existing, now: now, into: &changes)
            } else {
                // The same firing episode sent again: refresh it.
                existing.alert.annotations = incoming.annotations
                existing.alert.endsAt = incoming.endsAt
                existing.alert.generatorURL = incoming.generatorURL ?? existing.alert.generatorURL
                existing.updatedAt = now
                alerts[fp] = existing
                changes.record(existing)
            }
            return
        }
        if incoming.isResolved(at: now) {
            // Resolved before we ever saw it fire: keep the record, nothing to open.
            if let old = alerts[fp], old.alert.startsAt == incoming.startsAt { return }
            let stored = StoredAlert(alert: incoming, status: .resolved, receivedAt: now, updatedAt: now)
            changes.record(stored)
            return
        }
        var stored = StoredAlert(alert: incoming, status: .firing, receivedAt: now, updatedAt: now)
        let reason = muter(silences: silences).mutes(incoming.labels, at: now)
        if reason.isMuted {
            stored.status = .suppressed
            stored.silencedBy = reason.silences
            stored.inhibitedBy = reason.inhibitors
            alerts[fp] = stored
            changes.record(stored)
            return
        }
        attach(&stored, now: now, into: &changes)
    }

    func muter(silences: [Silence]) -> any Muter {
        var firing: [Fingerprint: LabelSet] = [:]
        if !config.inhibitRules.isEmpty {
            for (fp, a) in alerts where a.status != .resolved { firing[fp] = a.alert.labels }
        }
        return CompositeMuter([SilenceMuter(silences: silences), InhibitionMuter(rules: config.inhibitRules, firing: firing)])
    }

    /// Puts a firing alert into its group's incident, opening or reopening one as needed.
    mutating func attach(_ alert: inout StoredAlert, now: Date, into changes: inout CorrelationChanges) {
        let key = config.groupKey(alert.alert.labels)
        var incident: Incident
        if var current = incidentsByKey[key] {
            if current.status == .resolved {
                guard let resolvedAt = current.resolvedAt, now.timeIntervalSince(resolvedAt) <= config.reopenWindow,
                      let (reopened, _) = try? IncidentStateMachine.apply(.memberFired, to: current, at: now)
                else {
                    incident = open(key: key, for: alert.alert, now: now, into: &changes)
                    return finishAttach(&alert, to: &incident, now: now, into: &changes)
                }
                current = reopened
                current.notification.dueAt = now.addingTimeInterval(config.groupWait)
                current.notification.announcedOpen = false
                changes.record(IncidentEvent(incidentID: current.id, time: now, kind: .reopened,
                                             detail: "\(alert.alert.name) fired again"))
            } else if current.notification.announcedOpen, current.notification.dueAt == nil {
                let last = current.notification.lastSentAt ?? now
                current.notification.dueAt = max(now, last.addingTimeInterval(config.groupInterval))
            }
            incident = current
        } else {
            incident = open(key: key, for: alert.alert, now: now, into: &changes)
        }
        finishAttach(&alert, to: &incident, now: now, into: &changes)
    }

    private mutating func finishAttach(_ alert: inout StoredAlert, to incident: inout Incident, now: Date,
                                       into changes: inout CorrelationChanges) {
        alert.incidentID = incident.id
        alert.status = .firing
        alert.updatedAt = now
        incident.alertCount += 1
        incident.updatedAt = now
        if alert.alert.severity > incident.severity {
            changes.record(IncidentEvent(incidentID: incident.id, time: now, kind: .severityChanged,
                                         detail: "\(incident.severity.rawValue) → \(alert.alert.severity.rawValue)"))
            incident.severity = alert.alert.severity
        }
        changes.record(IncidentEvent(incidentID: incident.id, time: now, kind: .alertJoined,
                                     detail: "\(alert.alert.name) \(alert.fingerprint)"))
        firingMembers[incident.id, default: []].insert(alert.fingerprint)
        alerts[alert.fingerprint] = alert
        store(incident, into: &changes)
        changes.record(alert)
    }

    private mutating func open(key: String, for alert: Alert, now: Date, into changes: inout CorrelationChanges) -> Incident {
        let labels = config.groupLabels(alert.labels)
        var title = labels["alertname"] ?? alert.name
        if title.isEmpty { title = "Alert group \(key)" }
        if let service = labels["service"] ?? alert.labels["service"], !service.isEmpty { title += " on \(service)" }
        var incident = Incident(id: ids.make("inc", at: now), title: title, groupKey: key, groupLabels: labels,
                                severity: alert.severity, openedAt: now)
        incident.notification.dueAt = now.addingTimeInterval(config.groupWait)
        changes.record(IncidentEvent(incidentID: incident.id, time: now, kind: .opened, detail: key))
        return incident
    }

    mutating func store(_ incident: Incident, into changes: inout CorrelationChanges) {
        if let old = incidentsByKey[incident.groupKey], old.id != incident.id { keyByIncident[old.id] = nil }
        incidentsByKey[incident.groupKey] = incident
        keyByIncident[incident.id] = incident.groupKey
        changes.record(incident)
    }

    /// Marks an alert resolved and resolves its incident when it was the last one firing.
    mutating func resolve(_ alert: inout StoredAlert, now: Date, into changes: inout CorrelationChanges) {
        alert.status = .resolved
        alert.updatedAt = now
        if alert.alert.endsAt == nil || alert.alert.endsAt! > now { alert.alert.endsAt = now }
        alerts[alert.fingerprint] = alert
        changes.record(alert)
        guard let id = alert.incidentID, var incident = incident(id: id) else { return }
        firingMembers[id]?.remove(alert.fingerprint)
        changes.record(IncidentEvent(incidentID: id, time: now, kind: .alertResolved,
                                     detail: "\(alert.alert.name) \(alert.fingerprint)"))
        guard firingMembers[id]?.isEmpty ?? true else { return }
        firingMembers[id] = nil
        guard let (resolved, actions) = try? IncidentStateMachine.apply(.allMembersResolved, to: incident, at: now),
              !actions.isEmpty else { return }
        incident = resolved
        changes.record(IncidentEvent(incidentID: id, time: now, kind: .resolved, detail: "all alerts resolved"))
        announceResolution(&incident, now: now, into: &changes)
        store(incident, into: &changes)
    }

    mutating func announceResolution(_ incident: inout Incident, now: Date, into changes: inout CorrelationChanges) {
        if incident.notification.announcedOpen {
            changes.record(IncidentNotification(kind: .resolved, incident: incident, alerts: members(of: incident.id), time: now))
            incident.notification.lastSentAt = now
        }
        incident.notification.announcedOpen = false
        incident.notification.dueAt = nil
    }
}
