import Foundation
import SQLiteNIO
import VigilCore

extension SQLiteStore: AnomalyStore {
    public func recordAnomalies(_ anomalies: [Anomaly]) async throws {
        guard !anomalies.isEmpty else { return }
        try await transaction { db in
            for chunk in anomalies.chunked(100) {
                var binds: [SQLiteData] = []
                for a in chunk {
                    binds += [.text(a.id), .text(a.source.rawValue), .text(a.kind.rawValue), .text(a.service),
                              SQLCodec.text(a.host), .text(a.subject), .text(a.title), .float(a.score),
                              .text(a.severity.rawValue), SQLCodec.time(a.onset), SQLCodec.time(a.detectedAt),
                              SQLCodec.time(a.resolvedAt), SQLCodec.json(a.evidence)]
                }
                _ = try await db.query("""
                    INSERT INTO anomalies(id, source, kind, service, host, subject, title, score, severity, onset,
                      detected_at, resolved_at, evidence) VALUES \
                    \(Array(repeating: "(?,?,?,?,?,?,?,?,?,?,?,?,?)", count: chunk.count).joined(separator: ","))
                    ON CONFLICT(id) DO UPDATE SET title = excluded.title, score = excluded.score,
                      severity = excluded.severity, resolved_at = excluded.resolved_at, evidence = excluded.evidence
                    """, binds)
            }
        }
    }

    public func anomalies(_ q: AnomalyQuery) async throws -> [Anomaly] {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let s = q.source { conditions.append("source = ?"); binds.append(.text(s.rawValue)) }
        if let k = q.kind { conditions.append("kind = ?"); binds.append(.text(k.rawValue)) }
        if let s = q.service { conditions.append("service = ?"); binds.append(.text(s)) }
        if let since = q.since { conditions.append("detected_at >= ?"); binds.append(SQLCodec.time(since)) }
        if let until = q.until { conditions.append("detected_at < ?"); binds.append(SQLCodec.time(until)) }
        if q.openOnly { conditions.append("resolved_at IS NULL") }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await reader.query("""
            SELECT * FROM anomalies \(whereSQL) ORDER BY detected_at DESC, id DESC LIMIT \(max(1, min(q.limit, 1000)))
            """, binds)
        return try rows.map(Self.anomaly(from:))
    }

    static func anomaly(from row: SQLiteRow) throws -> Anomaly {
        let rawSource = try row.string("source"), rawKind = try row.string("kind")
        guard let source = Anomaly.Source(rawValue: rawSource) else { throw UnknownValue(column: "source", value: rawSource) }
        guard let kind = Anomaly.Kind(rawValue: rawKind) else { throw UnknownValue(column: "kind", value: rawKind) }
        return Anomaly(id: try row.string("id"), source: source, kind: kind, service: try row.string("service"),
                       host: row.optionalString("host"), subject: try row.string("subject"), title: try row.string("title"),
                       score: row.column("score")?.double ?? 0, severity: Severity(rawValue: try row.string("severity")) ?? .info,
                       onset: try row.date("onset"), detectedAt: try row.date("detected_at"),
                       resolvedAt: row.optionalDate("resolved_at"),
                       evidence: try SQLCodec.decodeJSON(AnomalyEvidence.self, row.column("evidence")))
    }
}
