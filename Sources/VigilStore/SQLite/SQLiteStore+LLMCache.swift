import Foundation
import SQLiteNIO
import VigilCore

/// Language-model answers kept as JSON in `llm_cache` (migration 8), one row per request hash.
extension SQLiteStore: LLMCache {
    public func cachedResponse(key: String, now: Date) async throws -> LLMResponse? {
        let rows = try await reader.query("SELECT value FROM llm_cache WHERE key = ? AND expires_at > ?",
                                          [.text(key), SQLCodec.time(now)])
        guard let row = rows.first else { return nil }
        return try SQLCodec.decodeJSON(LLMResponse.self, row.column("value"))
    }

    public func storeResponse(_ response: LLMResponse, key: String, purpose: LLMPurpose, expiresAt: Date) async throws {
        try await execute("""
            INSERT INTO llm_cache(key, purpose, value, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET purpose = excluded.purpose, value = excluded.value, expires_at = excluded.expires_at
            """, [.text(key), .text(purpose.rawValue), SQLCodec.json(response), SQLCodec.time(expiresAt)])
    }

    public func purgeExpiredResponses(now: Date) async throws -> Int {
        try await transaction { db in
            let count = try await db.query("SELECT COUNT(*) AS n FROM llm_cache WHERE expires_at <= ?", [SQLCodec.time(now)])
                .first?.column("n")?.integer ?? 0
            _ = try await db.query("DELETE FROM llm_cache WHERE expires_at <= ?", [SQLCodec.time(now)])
            return count
        }
    }
}
