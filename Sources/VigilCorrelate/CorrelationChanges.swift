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
    mutating func record(_ event: IncidentEvent) { timeline.append(event) }
    mutating func record(_ n: IncidentNotification) { notifications.append(n) }

    public mutating func merge(_ other: CorrelationChanges) {
        alerts.merge(other.alerts) { _, new in new }
        incidents.merge(other.incidents) { _, new in new }
        timeline += other.timeline
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
