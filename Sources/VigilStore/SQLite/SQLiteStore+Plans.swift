import Foundation
import SQLiteNIO
import VigilCore

extension SQLiteStore: PlanStore {
    public func savePlan(_ p: StoredPlan) async throws {
        let signature = "\(p.plan.cause.rawValue)/\(p.plan.component)"
        try await execute("""
            INSERT INTO plans(id, incident_id, state, runbook, signature, created_at, updated_at, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, body = excluded.body
            """, [.text(p.plan.id), .text(p.plan.incidentID), .text(p.run.state.rawValue), .text(p.plan.runbook),
                  .text(signature), SQLCodec.time(p.plan.createdAt), SQLCodec.time(p.updatedAt), SQLCodec.json(p)])
    }

    public func plan(id: String) async throws -> StoredPlan? {
        try await reader.query("SELECT body FROM plans WHERE id = ?", [.text(id)]).first.map {
            try SQLCodec.decodeJSON(StoredPlan.self, $0.column("body"))
        }
    }

    public func plans(state: PlanRunState?, incidentID: String?, limit: Int) async throws -> [StoredPlan] {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let state { conditions.append("state = ?"); binds.append(.text(state.rawValue)) }
        if let incidentID { conditions.append("incident_id = ?"); binds.append(.text(incidentID)) }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await reader.query("""
            SELECT body FROM plans \(whereSQL) ORDER BY created_at DESC, id DESC LIMIT \(max(1, min(limit, 1000)))
            """, binds).map { try SQLCodec.decodeJSON(StoredPlan.self, $0.column("body")) }
    }

    public func appendPlanLog(planID: String, _ lines: [PlanLogLine]) async throws {
        guard !lines.isEmpty else { return }
        try await transaction { db in
            for chunk in lines.chunked(200) {
                var binds: [SQLiteData] = []
                for l in chunk {
                    binds += [.text(planID), SQLCodec.time(l.time), .integer(l.step), .text(l.phase.rawValue), .text(l.text)]
                }
                _ = try await db.query("""
                    INSERT INTO plan_log(plan_id, time, step, phase, text) VALUES \
                    \(Array(repeating: "(?,?,?,?,?)", count: chunk.count).joined(separator: ","))
                    """, binds)
            }
        }
    }

    public func planLog(planID: String, limit: Int) async throws -> [PlanLogLine] {
        try await reader.query("""
            SELECT * FROM (SELECT * FROM plan_log WHERE plan_id = ? ORDER BY seq DESC LIMIT \(max(1, min(limit, 10_000))))
            ORDER BY seq
            """, [.text(planID)]).map { row in
            PlanLogLine(time: try row.date("time"), step: try row.int("step"),
                        phase: PlanLogLine.Phase(rawValue: try row.string("phase")) ?? .apply, text: try row.string("text"))
        }
    }

    public func runbookTallies() async throws -> [RunbookTally] {
        try await reader.query("""
            SELECT runbook, signature, SUM(state = 'succeeded') AS ok, COUNT(*) AS n FROM plans
            WHERE state IN ('succeeded', 'failed', 'rolled_back', 'escalated') GROUP BY runbook, signature
            """).map { row in
            RunbookTally(runbook: try row.string("runbook"), signature: try row.string("signature"),
                         successes: try row.int("ok"), attempts: try row.int("n"))
        }
    }
}
