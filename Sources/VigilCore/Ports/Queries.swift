import Foundation

/// One page of a listing and the cursor of the next, if any.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Filters for listing stored alerts, newest first.
public struct AlertQuery: Sendable, Hashable {
    public var status: AlertStatus?
    public var fingerprint: Fingerprint?
    public var alertname: String?
    public var service: String?
    public var incidentID: String?
    public var since: Date?
    public var until: Date?
    public var limit: Int
    public var cursor: String?

    public init(status: AlertStatus? = nil, fingerprint: Fingerprint? = nil, alertname: String? = nil,
                service: String? = nil, incidentID: String? = nil, since: Date? = nil, until: Date? = nil,
                limit: Int = 100, cursor: String? = nil) {
        self.status = status
        self.fingerprint = fingerprint
        self.alertname = alertname
        self.service = service
        self.incidentID = incidentID
        self.since = since
        self.until = until
        self.limit = limit
        self.cursor = cursor
    }
}

/// Filters for listing incidents, most recently opened first.
public struct IncidentQuery: Sendable, Hashable {
    public var status: IncidentStatus?
    public var severity: Severity?
    public var service: String?
    public var since: Date?
    public var until: Date?
    public var limit: Int
    public var cursor: String?

    public init(status: IncidentStatus? = nil, severity: Severity? = nil, service: String? = nil,
                since: Date? = nil, until: Date? = nil, limit: Int = 50, cursor: String? = nil) {
        self.status = status
        self.severity = severity
        self.service = service
        self.since = since
        self.until = until
        self.limit = limit
        self.cursor = cursor
    }
}

/// A cursor the store did not issue.
public struct InvalidCursor: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "invalid cursor" }
}
