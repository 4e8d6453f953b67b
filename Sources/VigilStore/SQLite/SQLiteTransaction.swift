import Foundation
import SQLiteNIO
import VigilCore

/// The write side of one SQLite transaction (see `SQLiteStore.write`).
struct SQLiteTransaction: StoreTransaction {
    let db: SQLiteConnection

    /// Rows per multi-row INSERT: well under SQLite's bound-parameter limit.
    static let rowsPerStatement = 200

    func upsertAlerts(_ alerts: [StoredAlert]) async throws {
        let columns = ["fingerprint", "starts_at", "ends_at", "status", "alertname", "service", "severity", "labels",
                       "annotations", "generator_url", "source", "incident_id", "silenced_by", "inhibited_by",
                       "received_at", "updated_at"]
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        for chunk in alerts.chunked(Self.rowsPerStatement) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * columns.count)
            for a in chunk {
                binds += [.text(a.fingerprint.description), SQLCodec.time(a.alert.startsAt), SQLCodec.time(a.alert.endsAt),
                          .text(a.status.rawValue), .text(a.alert.name), SQLCodec.text(a.alert.labels["service"]),
                          .text(a.alert.severity.rawValue), .text(JSONText.object(a.alert.labels)), .text(JSONText.object(a.alert.annotations)),
                          SQLCodec.text(a.alert.generatorURL), .text(a.alert.source), SQLCodec.text(a.incidentID),
                          .text(JSONText.array(a.silencedBy)), .text(JSONText.array(a.inhibitedBy.map(\.description))), SQLCodec.time(a.receivedAt),
                          SQLCodec.time(a.updatedAt)]
            }
            let sql = """
                INSERT INTO alerts(\(columns.joined(separator: ","))) VALUES \
                \(Array(repeating: placeholders, count: chunk.count).joined(separator: ","))
                ON CONFLICT(fingerprint, starts_at) DO UPDATE SET
                  ends_at=excluded.ends_at, status=excluded.status, annotations=excluded.annotations,
                  generator_url=excluded.generator_url, incident_id=excluded.incident_id,
                  silenced_by=excluded.silenced_by, inhibited_by=excluded.inhibited_by, updated_at=excluded.updated_at
                """
            _ = try await db.query(sql, binds)
        }
    }

    func saveIncidents(_ incidents: [Incident]) async throws {
        // Many incidents change in one batch (every group an alert joined): one statement per 100.
        for chunk in incidents.chunked(100) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * 17)
            for i in chunk {
                binds += [
                    .text(i.id), .text(i.title), .text(i.groupKey), .text(JSONText.object(i.groupLabels)), .text(i.status.rawValue),
                    .text(i.severity.rawValue), SQLCodec.text(i.service), SQLCodec.time(i.openedAt),
                    SQLCodec.time(i.acknowledgedAt), SQLCodec.text(i.acknowledgedBy), SQLCodec.time(i.resolvedAt),
                    SQLCodec.time(i.updatedAt), .integer(i.reopenCount), .integer(i.alertCount),
                    SQLCodec.time(i.notification.dueAt), SQLCodec.time(i.notification.lastSentAt),
                    .integer(i.notification.announcedOpen ? 1 : 0),
                ]
            }
            _ = try await db.query("""
                INSERT INTO incidents(id, title, group_key, group_labels, status, severity, service, opened_at,
                  acknowledged_at, acknowledged_by, resolved_at, updated_at, reopen_count, alert_count,
                  notify_due_at, notify_last_sent_at, notify_announced) VALUES \
                \(Array(repeating: "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", count: chunk.count).joined(separator: ","))
                ON CONFLICT(id) DO UPDATE SET title=excluded.title, status=excluded.status, severity=excluded.severity,
                  acknowledged_at=excluded.acknowledged_at, acknowledged_by=excluded.acknowledged_by,
                  resolved_at=excluded.resolved_at, updated_at=excluded.updated_at, reopen_count=excluded.reopen_count,
                  alert_count=excluded.alert_count, notify_due_at=excluded.notify_due_at,
                  notify_last_sent_at=excluded.notify_last_sent_at, notify_announced=excluded.notify_announced
                """, binds)
        }
    }

    func appendTimeline(_ events: [IncidentEvent]) async throws {
        for chunk in events.chunked(Self.rowsPerStatement) {
            var binds: [SQLiteData] = []
            for e in chunk {
                binds += [.text(e.incidentID), SQLCodec.time(e.time), .text(e.kind.rawValue), .text(e.actor), .text(e.detail)]
            }
            _ = try await db.query("INSERT INTO incident_events(incident_id, time, kind, actor, detail) VALUES "
                + Array(repeating: "(?,?,?,?,?)", count: chunk.count).joined(separator: ","), binds)
        }
    }

    func enqueue(_ items: [OutboxItem]) async throws {
        for item in items {
            _ = try await db.query("""
                INSERT INTO outbox(channel, payload, state, attempts, next_attempt_at, last_error, created_at)
                VALUES (?,?,?,?,?,?,?)
                """, [.text(item.channel), SQLCodec.json(item.notification), .text(item.state.rawValue),
                      .integer(item.attempts), SQLCodec.time(item.nextAttemptAt), SQLCodec.text(item.lastError),
                      SQLCodec.time(item.createdAt)])
        }
    }

    func saveSilence(_ s: Silence) async throws {
        _ = try await db.query("""
            INSERT INTO silences(id, matchers, starts_at, ends_at, created_by, comment, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?)
            ON CONFLICT(id) DO UPDATE SET matchers=excluded.matchers, starts_at=excluded.starts_at,
              ends_at=excluded.ends_at, comment=excluded.comment, updated_at=excluded.updated_at
            """, [.text(s.id), SQLCodec.json(s.matchers), SQLCodec.time(s.startsAt), SQLCodec.time(s.endsAt),
                  .text(s.createdBy), .text(s.comment), SQLCodec.time(s.createdAt), SQLCodec.time(s.updatedAt)])
    }

    func saveAPIKey(_ k: APIKeyRecord) async throws {
        _ = try await db.query("""
            INSERT INTO api_keys(id, name, role, secret_hash, created_at, revoked_at) VALUES (?,?,?,?,?,?)
            ON CONFLICT(id) DO UPDATE SET name=excluded.name, role=excluded.role, revoked_at=excluded.revoked_at
            """, [.text(k.id), .text(k.name), .text(k.role.rawValue), .text(k.secretHash), SQLCodec.time(k.createdAt),
                  SQLCodec.time(k.revokedAt)])
    }

    func appendAudit(_ record: AuditRecord, at time: Date) async throws -> AuditEntry {
        let last = try await db.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first
        let seq = Int64(last?.column("seq")?.integer ?? 0) + 1
        var entry = AuditEntry(seq: seq, time: Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000),
                               actor: record.actor, action: record.action, subject: record.subject,
                               detail: record.detail, previousHash: last?.column("hash")?.string ?? AuditEntry.genesisHash,
                               hash: "")
        entry.hash = AuditChain.hash(of: entry)
        _ = try await db.query("""
            INSERT INTO audit_log(seq, time, actor, action, subject, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)
            """, [.integer(Int(seq)), SQLCodec.time(entry.time), .text(entry.actor), .text(entry.action),
                  .text(entry.subject), .text(entry.detail), .text(entry.previousHash), .text(entry.hash)])
        return entry
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
