import Foundation
import NIOCore
import SQLiteNIO
import VigilCore

extension SQLiteStore: LogStore {
    public func writeLogs<T: Sendable>(_ body: @Sendable (any LogStoreTransaction) async throws -> T) async throws -> T {
        try await transaction { try await body(SQLiteLogTransaction(db: $0)) }
    }

    public func logTemplates(_ q: LogTemplateQuery) async throws -> [LogTemplateSummary] {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let s = q.service { conditions.append("c.service = ?"); binds.append(.text(s)) }
        if let since = q.since { conditions.append("c.minute >= ?"); binds.append(.integer(Int(since.timeIntervalSince1970 / 60))) }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = q.sort == .count ? "window_count DESC, t.id" : "t.first_seen DESC, t.id DESC"
        let rows = try await reader.query("""
            SELECT t.*, SUM(c.count) AS window_count, GROUP_CONCAT(DISTINCT c.service) AS services
            FROM log_template_counts c JOIN log_templates t ON t.id = c.template_id
            \(whereSQL) GROUP BY t.id ORDER BY \(order) LIMIT \(max(1, min(q.limit, 1000)))
            """, binds)
        return try rows.map { row in
            LogTemplateSummary(template: try Self.logTemplate(from: row), windowCount: Int64(try row.int("window_count")),
                               services: (row.optionalString("services") ?? "").split(separator: ",").map(String.init).sorted())
        }
    }

    public func state(key: String) async throws -> [UInt8]? {
        guard let row = try await reader.query("SELECT value FROM kv_state WHERE key = ?", [.text(key)]).first,
              let blob = row.column("value")?.blob else { return nil }
        return Array(blob.readableBytesView)
    }

    public func maxLogTemplateID() async throws -> Int64 {
        Int64(try await reader.query("SELECT COALESCE(MAX(id), 0) AS m FROM log_templates").first?.column("m")?.integer ?? 0)
    }

    static func logTemplate(from row: SQLiteRow) throws -> StoredLogTemplate {
        StoredLogTemplate(id: Int64(try row.int("id")), template: try row.string("template"), count: Int64(try row.int("count")),
                          firstSeen: try row.date("first_seen"), lastSeen: try row.date("last_seen"),
                          level: row.optionalString("level"),
                          examples: try SQLCodec.decodeJSON([String].self, row.column("examples")),
                          mergedInto: row.column("merged_into")?.integer.map(Int64.init))
    }
}

struct SQLiteLogTransaction: LogStoreTransaction {
    let db: SQLiteConnection

    func upsertLogTemplates(_ templates: [StoredLogTemplate]) async throws {
        for chunk in templates.chunked(200) {
            var binds: [SQLiteData] = []
            for t in chunk {
                binds += [.integer(Int(t.id)), .text(t.template), .integer(Int(t.count)), SQLCodec.time(t.firstSeen),
                          SQLCodec.time(t.lastSeen), SQLCodec.text(t.level), .text(JSONText.array(t.examples)),
                          t.mergedInto.map { .integer(Int($0)) } ?? .null]
            }
            _ = try await db.query("""
                INSERT INTO log_templates(id, template, count, first_seen, last_seen, level, examples, merged_into) VALUES \
                \(Array(repeating: "(?,?,?,?,?,?,?,?)", count: chunk.count).joined(separator: ","))
                ON CONFLICT(id) DO UPDATE SET template=excluded.template, count=excluded.count,
                  last_seen=excluded.last_seen, level=COALESCE(excluded.level, log_templates.level),
                  examples=excluded.examples, merged_into=excluded.merged_into
                """, binds)
        }
    }

    func addLogCounts(_ counts: [LogTemplateCount]) async throws {
        for chunk in counts.chunked(300) {
            var binds: [SQLiteData] = []
            for c in chunk { binds += [.integer(Int(c.templateID)), .text(c.service), .integer(Int(c.minute)), .integer(Int(c.count))] }
            _ = try await db.query("""
                INSERT INTO log_template_counts(template_id, service, minute, count) VALUES \
                \(Array(repeating: "(?,?,?,?)", count: chunk.count).joined(separator: ","))
                ON CONFLICT(template_id, service, minute) DO UPDATE SET count = count + excluded.count
                """, binds)
        }
    }

    func saveState(key: String, value: [UInt8]) async throws {
        _ = try await db.query("""
            INSERT INTO kv_state(key, value, updated_at) VALUES (?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, [.text(key), .blob(ByteBuffer(bytes: value)), .float(Date().timeIntervalSince1970)])
    }
}
