import Foundation
import SQLiteNIO
import VigilCore

extension SQLiteStore: RuleStore {
    public func saveRule(_ rule: AutomationRule, at time: Date) async throws {
        try await execute("""
            INSERT INTO automation_rules(id, body, updated_at) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
            """, [.text(rule.id), SQLCodec.json(rule), SQLCodec.time(time)])
    }

    public func deleteRule(id: String) async throws -> Bool {
        try await transaction { db in
            let existed = try await db.query("SELECT 1 FROM automation_rules WHERE id = ?", [.text(id)]).first != nil
            _ = try await db.query("DELETE FROM automation_rules WHERE id = ?", [.text(id)])
            return existed
        }
    }

    public func automationRules() async throws -> [AutomationRule] {
        try await reader.query("SELECT body FROM automation_rules ORDER BY id").map {
            try SQLCodec.decodeJSON(AutomationRule.self, $0.column("body"))
        }
    }

    public func recordDecisions(_ decisions: [RuleDecision]) async throws {
        guard !decisions.isEmpty else { return }
        try await transaction { db in
            for chunk in decisions.chunked(200) {
                var binds: [SQLiteData] = []
                for d in chunk {
                    binds += [.text(d.ruleID), SQLCodec.time(d.time), .integer(d.acted ? 1 : 0), SQLCodec.json(d)]
                }
                _ = try await db.query("""
                    INSERT INTO rule_decisions(rule_id, time, acted, body) VALUES \
                    \(Array(repeating: "(?,?,?,?)", count: chunk.count).joined(separator: ","))
                    """, binds)
            }
        }
    }

    public func decisions(ruleID: String?, since: Date?, limit: Int) async throws -> [RuleDecision] {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let ruleID { conditions.append("rule_id = ?"); binds.append(.text(ruleID)) }
        if let since { conditions.append("time >= ?"); binds.append(SQLCodec.time(since)) }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await reader.query("""
            SELECT body FROM rule_decisions \(whereSQL) ORDER BY seq DESC LIMIT \(max(1, min(limit, 1000)))
            """, binds).map { try SQLCodec.decodeJSON(RuleDecision.self, $0.column("body")) }
    }
}
