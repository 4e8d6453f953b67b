import Foundation
import SQLiteNIO
import VigilCore

extension SQLiteStore {
    public func silences() async throws -> [Silence] {
        try await reader.query("SELECT * FROM silences ORDER BY created_at").map { row in
            var s = Silence(id: try row.string("id"), matchers: try SQLCodec.decodeJSON([Matcher].self, row.column("matchers")),
                            startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"),
                            createdBy: try row.string("created_by"), comment: try row.string("comment"),
                            createdAt: try row.date("created_at"))
            s.updatedAt = try row.date("updated_at")
            return s
        }
    }

    public func apiKey(secretHash: String) async throws -> APIKeyRecord? {
        try await reader.query("SELECT * FROM api_keys WHERE secret_hash = ?", [.text(secretHash)]).first.map(Self.key(from:))
    }

    public func apiKeys() async throws -> [APIKeyRecord] {
        try await reader.query("SELECT * FROM api_keys ORDER BY created_at").map(Self.key(from:))
    }

    static func key(from row: SQLiteRow) throws -> APIKeyRecord {
        APIKeyRecord(id: try row.string("id"), name: try row.string("name"),
                     role: Role(rawValue: try row.string("role")) ?? .viewer, secretHash: try row.string("secret_hash"),
                     createdAt: try row.date("created_at"), revokedAt: row.optionalDate("revoked_at"))
    }

    public func auditEntries(afterSeq: Int64, limit: Int) async throws -> [AuditEntry] {
        try await reader.query("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                               [.integer(Int(afterSeq)), .integer(max(1, limit))]).map { row in
            AuditEntry(seq: Int64(try row.int("seq")), time: try row.date("time"), actor: try row.string("actor"),
                       action: try row.string("action"), subject: try row.string("subject"),
                       detail: try row.string("detail"), previousHash: try row.string("prev_hash"),
                       hash: try row.string("hash"))
        }
    }

    public func dueOutboxItems(at now: Date, limit: Int) async throws -> [OutboxItem] {
        try await reader.query("""
            SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
            """, [SQLCodec.time(now), .integer(max(1, limit))]).map { row in
            var item = OutboxItem(id: Int64(try row.int("id")), channel: try row.string("channel"),
                                  notification: try SQLCodec.decodeJSON(IncidentNotification.self, row.column("payload")),
                                  createdAt: try row.date("created_at"))
            item.state = OutboxItem.State(rawValue: try row.string("state")) ?? .pending
            item.attempts = try row.int("attempts")
            item.nextAttemptAt = try row.date("next_attempt_at")
            item.lastError = row.optionalString("last_error")
            return item
        }
    }

    public func updateOutboxItem(_ item: OutboxItem) async throws {
        guard let id = item.id else { return }
        try await execute("UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                          [.text(item.state.rawValue), .integer(item.attempts), SQLCodec.time(item.nextAttemptAt),
                           SQLCodec.text(item.lastError), .integer(Int(id))])
    }

    public func outboxCounts() async throws -> [OutboxItem.State: Int] {
        var out: [OutboxItem.State: Int] = [:]
        for row in try await reader.query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state") {
            if let s = OutboxItem.State(rawValue: try row.string("state")) { out[s] = try row.int("n") }
        }
        return out
    }
}
