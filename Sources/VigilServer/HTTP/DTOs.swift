import Foundation
import VigilCore

/// The API's JSON shapes. Kept apart from domain values so the API stays stable.
struct AlertDTO: Codable, Sendable {
    var id: Int64?
    var fingerprint: String
    var status: String
    var labels: LabelSet
    var annotations: LabelSet
    var startsAt: Date
    var endsAt: Date?
    var generatorURL: String?
    var source: String
    var incidentId: String?
    var silencedBy: [String]
    var inhibitedBy: [String]
    var receivedAt: Date
    var updatedAt: Date

    init(_ a: StoredAlert) {
        id = a.id
        fingerprint = a.fingerprint.description
        status = a.status.rawValue
        labels = a.alert.labels
        annotations = a.alert.annotations
        startsAt = a.alert.startsAt
        endsAt = a.alert.endsAt
        generatorURL = a.alert.generatorURL
        source = a.alert.source
        incidentId = a.incidentID
        silencedBy = a.silencedBy
        inhibitedBy = a.inhibitedBy.map(\.description)
        receivedAt = a.receivedAt
        updatedAt = a.updatedAt
    }
}

struct IncidentDTO: Codable, Sendable {
    var id, title, status, severity, groupKey: String
    var groupLabels: LabelSet
    var service: String?
    var openedAt: Date
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var resolvedAt: Date?
    var updatedAt: Date
    var reopenCount: Int
    var alertCount: Int

    init(_ i: Incident) {
        id = i.id
        title = i.title
        status = i.status.rawValue
        severity = i.severity.rawValue
        groupKey = i.groupKey
        groupLabels = i.groupLabels
        service = i.service
        openedAt = i.openedAt
        acknowledgedAt = i.acknowledgedAt
        acknowledgedBy = i.acknowledgedBy
        resolvedAt = i.resolvedAt
        updatedAt = i.updatedAt
        reopenCount = i.reopenCount
        alertCount = i.alertCount
    }
}

struct IncidentDetailDTO: Encodable, Sendable {
    var incident: IncidentDTO
    var alerts: [AlertDTO]
    var timeline: [TimelineDTO]

    func encode(to encoder: any Encoder) throws {
        try incident.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(alerts, forKey: .alerts)
        try c.encode(timeline, forKey: .timeline)
    }

    enum CodingKeys: String, CodingKey { case alerts, timeline }
}

struct TimelineDTO: Codable, Sendable {
    var time: Date
    var kind: String
    var actor: String
    var detail: String

    init(_ e: IncidentEvent) {
        time = e.time
        kind = e.kind.rawValue
        actor = e.actor
        detail = e.detail
    }
}

struct SilenceDTO: Codable, Sendable {
    var id: String
    var matchers: [Matcher]
    var startsAt: Date
    var endsAt: Date
    var createdBy: String
    var comment: String
    var createdAt: Date
    var updatedAt: Date
    var status: String

    init(_ s: Silence, now: Date) {
        id = s.id
        matchers = s.matchers
        startsAt = s.startsAt
        endsAt = s.endsAt
        createdBy = s.createdBy
        comment = s.comment
        createdAt = s.createdAt
        updatedAt = s.updatedAt
        status = s.state(at: now).rawValue
    }
}

struct PageDTO<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor) // explicit null on the last page
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }
}
