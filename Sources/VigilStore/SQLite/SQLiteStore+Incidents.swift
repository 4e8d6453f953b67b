import Foundation
import SQLiteNIO
import VigilCore

extension SQLiteStore {
    public func incidents(_ q: IncidentQuery) async throws -> Page<Incident> {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let s = q.status { conditions.append("status = ?"); binds.append(.text(s.rawValue)) }
        if let s = q.severity { conditions.append("severity = ?"); binds.append(.text(s.rawValue)) }
        if let s = q.service { conditions.append("service = ?"); binds.append(.text(s)) }
        if let s = q.since { conditions.append("opened_at >= ?"); binds.append(SQLCodec.time(s)) }
        if let u = q.until { conditions.append("opened_at < ?"); binds.append(SQLCodec.time(u)) }
        if let c = q.cursor {
            let p = try Cursor.decode(c, parts: 2)
            guard let t = Double(p[0]) else { throw InvalidCursor() }
            conditions.append("(opened_at < ? OR (opened_at = ? AND id < ?))")
            binds += [.float(t), .float(t), .text(p[1])]
        }
        let limit = max(1, min(q.limit, 500))
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await reader.query(
            "SELECT * FROM incidents \(whereSQL) ORDER BY opened_at DESC, id DESC LIMIT \(limit + 1)", binds)
        let items = try rows.prefix(limit).map(Self.incident(from:))
        var next: String?
        if rows.count > limit, let last = rows.prefix(limit).last {
            next = Cursor.encode([String(last.column("opened_at")?.double ?? 0), try last.string("id")])
        }
        return Page(items: items, nextCursor: next)
    }

    public func incident(id: String) async throws -> Incident? {
        try await reader.query("SELECT * FROM incidents WHERE id = ?", [.text(id)]).first.map(Self.incident(from:))
    }

    public func timeline(incidentID: String) async throws -> [IncidentEvent] {
        try await reader.query("SELECT * FROM incident_events WHERE incident_id = ? ORDER BY id", [.text(incidentID)])
            .map { row in
                IncidentEvent(incidentID: try row.string("incident_id"), time: try row.date("time"),
                              kind: IncidentEvent.Kind(rawValue: try row.string("kind")) ?? .alertJoined,
                              actor: try row.string("actor"), detail: try row.string("detail"))
            }
    }

    public func recentIncidents(resolvedSince: Date) async throws -> [Incident] {
        try await reader.query("SELECT * FROM incidents WHERE status != 'resolved' OR resolved_at >= ? ORDER BY opened_at",
                               [SQLCodec.time(resolvedSince)]).map(Self.incident(from:))
    }

    public func incidentCounts() async throws -> [IncidentStatus: Int] {
        var out: [IncidentStatus: Int] = [:]
        for row in try await reader.query("SELECT status, COUNT(*) AS n FROM incidents GROUP BY status") {
            if let s = IncidentStatus(rawValue: try row.string("status")) { out[s] = try row.int("n") }
        }
        return out
    }

    static func incident(from row: SQLiteRow) throws -> Incident {
        var i = Incident(id: try row.string("id"), title: try row.string("title"), groupKey: try row.string("group_key"),
                         groupLabels: try SQLCodec.decodeJSON(LabelSet.self, row.column("group_labels")),
                         severity: Severity(rawValue: try row.string("severity")) ?? .info,
                         openedAt: try row.date("opened_at"))
        i.status = IncidentStatus(rawValue: try row.string("status")) ?? .open
        i.acknowledgedAt = row.optionalDate("acknowledged_at")
        i.acknowledgedBy = row.optionalString("acknowledged_by")
        i.resolvedAt = row.optionalDate("resolved_at")
        i.updatedAt = try row.date("updated_at")
        i.reopenCount = try row.int("reopen_count")
        i.alertCount = try row.int("alert_count")
        i.notification = NotificationState(dueAt: row.optionalDate("notify_due_at"),
                                           lastSentAt: row.optionalDate("notify_last_sent_at"),
                                           announcedOpen: (try row.int("notify_announced")) != 0)
        return i
    }
}
