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
    /// Alert episodes the correlator still tracks, with the indexes ticks use.
    var index: AlertIndex
    /// Alert episodes the correlator still tracks, by fingerprint.
    /// Every tracked alert, unpacked: for tests and diagnostics, not hot paths.
    public var alerts: [Fingerprint: StoredAlert] { index.byFingerprint }
    /// How many alerts are tracked.
    public var alertCount: Int { index.count }
    /// One tracked alert.
    public func alert(_ fp: Fingerprint) -> StoredAlert? { index[fp] }
    /// The latest incident of each group key, while active or within the reopen window.
    public internal(set) var incidentsByKey: [String: Incident] = [:]
    var keyByIncident: [String: String] = [:]
    var firingMembers: [String: Set<Fingerprint>] = [:]
    /// Group keys of incidents with a notification due (`notification.dueAt` set).
    var pendingNotification: Set<String> = []
    /// Group keys of resolved incidents kept for the reopen window.
    var resolvedKeys: Set<String> = []
    /// When each announced, still-active incident was last announced (for `repeatInterval`).
    var announcedAt: [String: Date] = [:]
    private let ids = IdentifierGenerator()

    /// How far a re-sent alert's deadline may move before the change is written (seconds).
    public static let refreshSlack: TimeInterval = 60

    public init(config: CorrelationConfig) {
        self.config = config
        self.index = AlertIndex(rules: config.inhibitRules)
    }

    /// Rebuilds the working set from what the store holds (after a restart).
    public mutating func restore(alerts stored: [StoredAlert], incidents: [Incident]) {
        for inc in incidents {
            if let existing = incidentsByKey[inc.groupKey] {
                if existing.openedAt > inc.openedAt { continue }
                keyByIncident[existing.id] = nil // only the newest of a group is tracked
            }
            incidentsByKey[inc.groupKey] = inc
            keyByIncident[inc.id] = inc.groupKey
        }
        for inc in incidentsByKey.values { trackNotificationState(inc) }
        for a in stored {
            index.put(a)
            if a.status == .firing, let id = a.incidentID { firingMembers[id, default: []].insert(a.fingerprint) }
        }
    }

    public func incident(id: String) -> Incident? {
        keyByIncident[id].flatMap { incidentsByKey[$0] }
    }

    /// Alerts of the incident that the correlator still tracks, oldest first, at most `limit`.
    public func members(of incidentID: String, limit: Int = 100) -> [Alert] {
        guard let fps = index.members[incidentID] else { return [] }
        let list = fps.compactMap { index[$0]?.alert }.sorted { $0.startsAt < $1.startsAt }
        return Array(list.prefix(limit))
    }

    mutating func setAlert(_ alert: StoredAlert) { index.put(alert) }
    mutating func removeAlert(_ fp: Fingerprint) { index.remove(fp) }
    mutating func firingMembersClear(_ incidentID: String) { firingMembers[incidentID] = nil }

    /// Forgets an incident and the resolved alerts that belonged to it.
    mutating func removeIncident(key: String) {
        guard let inc = incidentsByKey.removeValue(forKey: key) else { return }
        keyByIncident[inc.id] = nil
        firingMembers[inc.id] = nil
        pendingNotification.remove(key)
        resolvedKeys.remove(key)
        announcedAt[key] = nil
        for fp in index.members[inc.id] ?? [] where index[fp]?.status == .resolved { index.remove(fp) }
        index.dropMembers(of: inc.id)
    }

    /// Keeps the due/resolved key sets in step with an incident's state.
    mutating func trackNotificationState(_ incident: Incident) {
        if incident.notification.dueAt != nil { pendingNotification.insert(incident.groupKey) }
        else { pendingNotification.remove(incident.groupKey) }
        if incident.status == .resolved { resolvedKeys.insert(incident.groupKey) } else { resolvedKeys.remove(incident.groupKey) }
        if incident.status.isActive, incident.notification.announcedOpen, let last = incident.notification.lastSentAt {
            announcedAt[incident.groupKey] = last
        } else {
            announcedAt[incident.groupKey] = nil
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
        if var existing = index[fp], existing.status != .resolved {
            if incoming.isResolved(at: now) {
                existing.alert.endsAt = incoming.endsAt
                existing.alert.annotations = incoming.annotations
                resolve(&existing, now: now, into: &changes)
            } else {
                // The same firing episode sent again. Senders such as Prometheus re-send every firing alert
                // continually; only a change worth keeping is written: new annotations or generator URL, an end
                // appearing or disappearing, or a deadline moved by more than `refreshSlack` (so after a crash an
                // alert can end at most that much early). Smaller deadline moves are kept in memory only.
                let url = incoming.generatorURL ?? existing.alert.generatorURL
                let moved = abs((incoming.endsAt ?? .distantPast).timeIntervalSince(existing.alert.endsAt ?? .distantPast))
                if incoming.annotations != existing.alert.annotations || url != existing.alert.generatorURL
                    || (incoming.endsAt == nil) != (existing.alert.endsAt == nil) || moved > Self.refreshSlack {
                    existing.alert.annotations = incoming.annotations
                    existing.alert.endsAt = incoming.endsAt
                    existing.alert.generatorURL = url
                    existing.updatedAt = now
                    index.put(existing)
                    changes.record(existing)
                } else {
                    index.extendDeadline(fp, to: incoming.endsAt)
                }
            }
            return
        }
        if incoming.isResolved(at: now) {
            // Resolved before we ever saw it fire: keep the record, nothing to open.
            if let old = index[fp], old.alert.startsAt == incoming.startsAt { return }
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
            index.put(stored)
            changes.record(stored)
            return
        }
        attach(&stored, now: now, into: &changes)
    }

    func muter(silences: [Silence]) -> any Muter {
        CompositeMuter([SilenceMuter(silences: silences),
                        InhibitionMuter(rules: config.inhibitRules, firing: index.inhibitSources)])
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
                // Members left firing by a manual resolve count again once the incident is open: the
                // working set then follows from stored alerts alone, so a restart cannot change the outcome.
                let stillFiring = (index.members[current.id] ?? []).filter { index[$0]?.status == .firing }
                firingMembers[current.id] = stillFiring
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
        changes.recordJoin(incidentID: incident.id, time: now, alert: "\(alert.alert.name) \(alert.fingerprint)")
        firingMembers[incident.id, default: []].insert(alert.fingerprint)
        index.put(alert)
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
        trackNotificationState(incident)
        changes.record(incident)
    }

    /// Marks an alert resolved and resolves its incident when it was the last one firing.
    mutating func resolve(_ alert: inout StoredAlert, now: Date, into changes: inout CorrelationChanges) {
        alert.status = .resolved
        alert.updatedAt = now
        if alert.alert.endsAt == nil || alert.alert.endsAt! > now { alert.alert.endsAt = now }
        changes.record(alert)
        guard let id = alert.incidentID, var incident = incident(id: id) else {
            index.remove(alert.fingerprint) // nothing will list it again
            return
        }
        index.put(alert)
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
