import Foundation

/// An alert as Alertmanager shapes it: a label set that identifies it,
/// annotations that describe it, and the interval it fires in.
///
/// `endsAt == nil` means "firing until told otherwise"; an `endsAt` in the
/// past means resolved.
public struct Alert: Sendable, Hashable, Codable {
    public var labels: LabelSet
    public var annotations: LabelSet
    public var startsAt: Date
    public var endsAt: Date?
    public var generatorURL: String?
    /// Where the alert came in: `alertmanager`, `prometheus`, `event`, …
    public var source: String

    public init(labels: LabelSet, annotations: LabelSet = [:], startsAt: Date, endsAt: Date? = nil,
                generatorURL: String? = nil, source: String = "api") {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.source = source
    }

    public var fingerprint: Fingerprint { Fingerprint(labels: labels) }
    public var name: String { labels["alertname"] ?? "" }
    public var severity: Severity { Severity(label: labels["severity"]) }

    /// Whether the alert is resolved at `now`.
    public func isResolved(at now: Date) -> Bool {
        guard let endsAt else { return false }
        return endsAt <= now
    }
}

/// What Vigil knows about an alert after correlation.
public enum AlertStatus: String, Sendable, Codable, CaseIterable {
    case firing, resolved, suppressed
}

/// An alert as stored: one row per firing episode (fingerprint + startsAt).
public struct StoredAlert: Sendable, Hashable, Codable {
    public var id: Int64?
    public var fingerprint: Fingerprint
    public var alert: Alert
    public var status: AlertStatus
    public var incidentID: String?
    public var silencedBy: [String]
    public var inhibitedBy: [Fingerprint]
    public var receivedAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, alert: Alert, status: AlertStatus, incidentID: String? = nil,
                silencedBy: [String] = [], inhibitedBy: [Fingerprint] = [], receivedAt: Date, updatedAt: Date) {
        self.id = id
        self.fingerprint = alert.fingerprint
        self.alert = alert
        self.status = status
        self.incidentID = incidentID
        self.silencedBy = silencedBy
        self.inhibitedBy = inhibitedBy
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
    }

    /// An alert whose fingerprint is already known (restoring a packed copy): skips hashing the labels again.
    public init(id: Int64?, fingerprint: Fingerprint, alert: Alert, status: AlertStatus, incidentID: String?,
                silencedBy: [String], inhibitedBy: [Fingerprint], receivedAt: Date, updatedAt: Date) {
        self.id = id
        self.fingerprint = fingerprint
        self.alert = alert
        self.status = status
        self.incidentID = incidentID
        self.silencedBy = silencedBy
        self.inhibitedBy = inhibitedBy
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
    }
}
