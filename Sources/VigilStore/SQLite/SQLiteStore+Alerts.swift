import Foundation
import SQLiteNIO
import VigilCore

extension SQLiteStore {
    public func alerts(_ q: AlertQuery) async throws -> Page<StoredAlert> {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let s = q.status { conditions.append("status = ?"); binds.append(.text(s.rawValue)) }
        if let f = q.fingerprint { conditions.append("fingerprint = ?"); binds.append(.text(f.description)) }
        if let n = q.alertname { conditions.append("alertname = ?"); binds.append(.text(n)) }
        if let s = q.service { conditions.append("service = ?"); binds.append(.text(s)) }
        if let i = q.incidentID { conditions.append("incident_id = ?"); binds.append(.text(i)) }
        if let s = q.since { conditions.append("starts_at >= ?"); binds.append(SQLCodec.time(s)) }
        if let u = q.until { conditions.append("starts_at < ?"); binds.append(SQLCodec.time(u)) }
        if let c = q.cursor {
            guard let last = Int(try Cursor.decode(c, parts: 1)[0]) else { throw InvalidCursor() }
            conditions.append("id < ?")
            binds.append(.integer(last))
        }
        let limit = max(1, min(q.limit, 1000))
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await reader.query("SELECT * FROM alerts \(whereSQL) ORDER BY id DESC LIMIT \(limit + 1)", binds)
        let items = try rows.prefix(limit).map(Self.alert(from:))
        let next = rows.count > limit ? items.last?.id.map { Cursor.encode([String($0)]) } : nil
        return Page(items: items, nextCursor: next)
    }

    public func activeAlerts() async throws -> [StoredAlert] {
        try await reader.query("SELECT * FROM alerts WHERE status IN ('firing', 'suppressed') ORDER BY id")
            .map(Self.alert(from:))
    }

    /// Alerts that belong to an incident, oldest first.
    public func alerts(incidentID: String) async throws -> [StoredAlert] {
        try await reader.query("SELECT * FROM alerts WHERE incident_id = ? ORDER BY id", [.text(incidentID)])
            .map(Self.alert(from:))
    }

    public func alertCount() async throws -> Int {
        Int(try await reader.query("SELECT COUNT(*) AS n FROM alerts").first?.column("n")?.integer ?? 0)
    }

    static func alert(from row: SQLiteRow) throws -> StoredAlert {
        let alert = Alert(labels: try SQLCodec.decodeJSON(LabelSet.self, row.column("labels")),
                          annotations: try SQLCodec.decodeJSON(LabelSet.self, row.column("annotations")),
                          startsAt: try row.date("starts_at"), endsAt: row.optionalDate("ends_at"),
                          generatorURL: row.optionalString("generator_url"), source: try row.string("source"))
        var stored = StoredAlert(
            id: row.column("id")?.integer.map(Int64.init), alert: alert,
            status: AlertStatus(rawValue: try row.string("status")) ?? .firing,
            incidentID: row.optionalString("incident_id"),
            silencedBy: try SQLCodec.decodeJSON([String].self, row.column("silenced_by")),
            inhibitedBy: try SQLCodec.decodeJSON([Fingerprint].self, row.column("inhibited_by")),
            receivedAt: try row.date("received_at"), updatedAt: try row.date("updated_at"))
        // The stored fingerprint is authoritative (labels round-trip exactly, so they agree).
        if let fp = Fingerprint(hex: try row.string("fingerprint")) { stored.fingerprint = fp }
        return stored
    }
}
