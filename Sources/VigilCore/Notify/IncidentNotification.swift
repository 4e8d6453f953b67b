import Foundation

/// What subscribers are told about an incident.
public struct IncidentNotification: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case opened, updated, resolved, reopened
    }

    public var kind: Kind
    public var incident: Incident
    /// The incident's alerts at the time of the notification.
    public var alerts: [Alert]
    public var time: Date

    public init(kind: Kind, incident: Incident, alerts: [Alert], time: Date) {
        self.kind = kind
        self.incident = incident
        self.alerts = alerts
        self.time = time
    }

    /// A stable key for the incident, for channels that deduplicate (PagerDuty's `dedup_key`).
    public var dedupKey: String { "vigil-\(incident.id)" }
}

/// A notification waiting in the outbox for one channel.
public struct OutboxItem: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable { case pending, delivered, dead }

    public var id: Int64?
    /// The name of the notifier (channel) it goes to.
    public var channel: String
    public var notification: IncidentNotification
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date

    public init(id: Int64? = nil, channel: String, notification: IncidentNotification, createdAt: Date) {
        self.id = id
        self.channel = channel
        self.notification = notification
        self.state = .pending
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.lastError = nil
        self.createdAt = createdAt
    }
}
