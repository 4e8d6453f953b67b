import Foundation
import SQLiteNIO
import VigilCore

extension SQLiteStore: DiagnosisStore {
    public func recordChanges(_ events: [ChangeEvent], source: String, at time: Date) async throws -> [StoredChangeEvent] {
        guard !events.isEmpty else { return [] }
        return try await transaction { db in
            var stored: [StoredChangeEvent] = []
            for e in events {
                let rows = try await db.query("""
                    INSERT INTO change_events(time, service, kind, description, source, received_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                    """, [SQLCodec.time(e.time), .text(e.service), .text(e.kind.rawValue), .text(e.description),
                          .text(source), SQLCodec.time(time)])
                let id = Int64(try rows.first?.int("id") ?? 0)
                stored.append(StoredChangeEvent(id: id, event: e, source: source, receivedAt: time))
            }
            return stored
        }
    }

    public func changes(since: Date?, until: Date?, service: String?, limit: Int) async throws -> [StoredChangeEvent] {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let since { conditions.append("time >= ?"); binds.append(SQLCodec.time(since)) }
        if let until { conditions.append("time < ?"); binds.append(SQLCodec.time(until)) }
        if let service { conditions.append("service = ?"); binds.append(.text(service)) }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await reader.query("""
            SELECT * FROM change_events \(whereSQL) ORDER BY time DESC, id DESC LIMIT \(max(1, min(limit, 10_000)))
            """, binds).map { row in
            let kind = ChangeEvent.Kind(rawValue: try row.string("kind")) ?? .infra
            return StoredChangeEvent(
                id: Int64(try row.int("id")),
                event: ChangeEvent(time: try row.date("time"), service: try row.string("service"), kind: kind,
                                   description: try row.string("description")),
                source: try row.string("source"), receivedAt: try row.date("received_at"))
        }
    }

    public func saveDiagnosis(_ d: StoredDiagnosis) async throws {
        try await execute("""
            INSERT INTO diagnoses(incident_id, created_at, alert_count, author, body) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(incident_id) DO UPDATE SET created_at = excluded.created_at, alert_count = excluded.alert_count,
              author = excluded.author, body = excluded.body
            """, [.text(d.incidentID), SQLCodec.time(d.createdAt), .integer(d.alertCount),
                  .text(d.diagnosis.author.description), SQLCodec.json(d)])
    }

    public func diagnosis(incidentID: String) async throws -> StoredDiagnosis? {
        try await reader.query("SELECT body FROM diagnoses WHERE incident_id = ?", [.text(incidentID)]).first.map {
            try SQLCodec.decodeJSON(StoredDiagnosis.self, $0.column("body"))
        }
    }

    public func logCounts(start: Date, end: Date, limit: Int) async throws -> LogCountWindow {
        let from = Int((start.timeIntervalSince1970 / 60).rounded(.down))
        let to = Int((end.timeIntervalSince1970 / 60).rounded(.up))
        let rows = try await reader.query("""
            SELECT template_id, service, minute, count FROM log_template_counts
            WHERE minute >= ? AND minute < ? ORDER BY count DESC LIMIT \(max(1, min(limit, 200_000)))
            """, [.integer(from), .integer(to)])
        let counts = try rows.map {
            LogTemplateCount(templateID: Int64(try $0.int("template_id")), service: try $0.string("service"),
                             minute: Int64(try $0.int("minute")), count: Int64(try $0.int("count")))
        }
        var templates: [Int64: StoredLogTemplate] = [:]
        for chunk in Array(Set(counts.map(\.templateID))).sorted().chunked(500) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try await reader.query("SELECT * FROM log_templates WHERE id IN (\(marks))",
                                              chunk.map { .integer(Int($0)) }) {
                let t = try Self.logTemplate(from: row)
                templates[t.id] = t
            }
        }
        return LogCountWindow(counts: counts, templates: templates)
    }
}
