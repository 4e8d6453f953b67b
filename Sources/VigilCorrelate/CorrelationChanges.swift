import Foundation
import VigilCore

/// What one correlation step changed: written to the store in one transaction.
public struct CorrelationChanges: Sendable {
    public private(set) var alerts: [String: StoredAlert] = [:]
    public private(set) var incidents: [String: Incident] = [:]
    public private(set) var timeline: [IncidentEvent] = []
    public private(set) var notifications: [IncidentNotification] = []

    public init() {}

    public var isEmpty: Bool { alerts.isEmpty && incidents.isEmpty && timeline.isEmpty && notifications.isEmpty }

    mutating func record(_ alert: StoredAlert) {
        alerts["\(alert.fingerprint)@\(alert.alert.startsAt.timeIntervalSince1970)"] = alert
    }

    mutating func record(_ incident: Incident) { incidents[incident.id] = incident }
    /// Any other event ends the incident's current "joined" line, so the timeline keeps its order.
    mutating func record(_ event: IncidentEvent) {
        joins[event.incidentID] = nil
        timeline.append(event)
    }
    mutating func record(_ n: IncidentNotification) { notifications.append(n) }

    /// Each incident's "alerts joined" line in `timeline`, so one step writes one line per incident.
    private var joins: [String: (line: Int, count: Int, names: [String])] = [:]

    /// Records that alerts joined an incident, folding the joins of one step into one timeline line.
    mutating func recordJoin(incidentID: String, time: Date, alert: String) {
        recordJoin(incidentID: incidentID, time: time, names: [alert], count: 1)
    }

    private mutating func recordJoin(incidentID: String, time: Date, names: [String], count: Int) {
        var j = joins[incidentID] ?? (line: timeline.count, count: 0, names: [])
        if j.line == timeline.count {
            timeline.append(IncidentEvent(incidentID: incidentID, time: time, kind: .alertJoined))
        }
        j.count += count
        j.names += names.prefix(max(0, 5 - j.names.count))
        timeline[j.line].detail = "\(j.count) alert\(j.count == 1 ? "" : "s") joined: " + j.names.joined(separator: ", ")
            + (j.count > j.names.count ? ", …" : "")
        joins[incidentID] = j
    }

    public mutating func merge(_ other: CorrelationChanges) {
        alerts.merge(other.alerts) { _, new in new }
        incidents.merge(other.incidents) { _, new in new }
        // The other step's join lines carry their counts and names in `joins`: fold them, never re-parse text.
        var joinAt: [Int: (count: Int, names: [String])] = [:]
        for j in other.joins.values { joinAt[j.line] = (j.count, j.names) }
        for (k, e) in other.timeline.enumerated() {
            if e.kind == .alertJoined, let j = joinAt[k] {
                recordJoin(incidentID: e.incidentID, time: e.time, names: j.names, count: j.count)
            } else {
                record(e)
            }
        }
        notifications += other.notifications
    }

    public var changedAlerts: [StoredAlert] { Array(alerts.values) }
    public var changedIncidents: [Incident] { Array(incidents.values) }
}

/// Asked of the correlator by a person: acknowledge or resolve an incident.
public enum IncidentCommand: Sendable, Hashable {
    case acknowledge(incidentID: String, by: String)
    case resolve(incidentID: String, by: String)
}

/// Why a command could not be carried out.
public enum CorrelationError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownIncident(String)
    case invalidTransition(String)

    public var description: String {
        switch self {
        case .unknownIncident(let id): "no incident with id '\(id)'"
        case .invalidTransition(let why): why
        }
    }
}
