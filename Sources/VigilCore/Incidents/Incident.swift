import Foundation

/// Where an incident is in its life.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable {
    case open, acknowledged, mitigating, resolved

    public var isActive: Bool { self != .resolved }
}

/// A group of alerts (and later anomalies) that one person should look at once.
public struct Incident: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var groupKey: String
    public var groupLabels: LabelSet
    public var status: IncidentStatus
    public var severity: Severity
    public var openedAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var resolvedAt: Date?
    public var updatedAt: Date
    /// How many times it came back after being resolved.
    public var reopenCount: Int
    /// Alerts that ever joined, firing or not.
    public var alertCount: Int
    public var notification: NotificationState

    public init(id: String, title: String, groupKey: String, groupLabels: LabelSet, severity: Severity, openedAt: Date) {
        self.id = id
        self.title = title
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.status = .open
        self.severity = severity
        self.openedAt = openedAt
        self.updatedAt = openedAt
        self.reopenCount = 0
        self.alertCount = 0
        self.notification = NotificationState()
    }

    /// The `service` group label, if grouping kept one.
    public var service: String? { groupLabels["service"] }
}

/// When the incident's next notification is due and what was last said,
/// following Alertmanager's `group_wait` / `group_interval` / `repeat_interval`.
public struct NotificationState: Sendable, Hashable, Codable {
    /// A notification is due at this time (nil: nothing pending).
    public var dueAt: Date?
    public var lastSentAt: Date?
    /// Whether subscribers were told the incident is open (so a resolved message makes sense).
    public var announcedOpen: Bool

    public init(dueAt: Date? = nil, lastSentAt: Date? = nil, announcedOpen: Bool = false) {
        self.dueAt = dueAt
        self.lastSentAt = lastSentAt
        self.announcedOpen = announcedOpen
    }
}

/// One line of an incident's timeline.
public struct IncidentEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case opened, alertJoined, alertResolved, acknowledged, mitigating, resolved, reopened, notified, severityChanged
    }

    public var incidentID: String
    public var time: Date
    public var kind: Kind
    public var actor: String
    public var detail: String

    public init(incidentID: String, time: Date, kind: Kind, actor: String = "vigil", detail: String = "") {
        self.incidentID = incidentID
        self.time = time
        self.kind = kind
        self.actor = actor
        self.detail = detail
    }
}
