import Foundation
import SQLiteNIO
import Testing
import VigilCore
import VigilTesting
@testable import VigilStore

@Suite struct AuditAndKeysTests {
    let now = Fixtures.epoch

    @Test func auditEntriesChainAndVerify() async throws {
        try await withTempStore { store, _ in
            for i in 0..<5 {
                try await store.write { tx in
                    _ = try await tx.appendAudit(AuditRecord(actor: "ana", action: "incident.acknowledge", subject: "inc_\(i)"),
                                             at: now.addingTimeInterval(Double(i)))
                }
            }
            let entries = try await store.auditEntries(afterSeq: 0, limit: 100)
            #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
            #expect(entries[0].previousHash == AuditEntry.genesisHash)
            #expect(entries[1].previousHash == entries[0].hash)
            #expect(try AuditChain.verify(entries) == 5)
            // Verifying a suffix continues from the entry before it.
            #expect(try AuditChain.verify(Array(entries[2...]), previousHash: entries[1].hash, previousSeq: 2) == 3)
        }
    }

    @Test func tamperingIsDetected() async throws {
        try await withTempStore { store, _ in
            for i in 0..<3 {
                try await store.write { tx in
                    _ = try await tx.appendAudit(AuditRecord(actor: "bob", action: "silence.create", subject: "sil_\(i)"), at: now)
                }
            }
            _ = try await store.writer.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
            let entries = try await store.auditEntries(afterSeq: 0, limit: 100)
            #expect(throws: AuditChain.Break.self) { try AuditChain.verify(entries) }
            do { _ = try AuditChain.verify(entries) } catch let e as AuditChain.Break { #expect(e.seq == 2) }
            _ = try await store.writer.query("DELETE FROM audit_log WHERE seq = 2")
            let gapped = try await store.auditEntries(afterSeq: 0, limit: 100)
            #expect(throws: AuditChain.Break.self) { try AuditChain.verify(gapped) }
        }
    }

    @Test func keysAreFoundByHashOnly() async throws {
        try await withTempStore { store, _ in
            let secret = "vgl_secret-value"
            let key = APIKeyRecord(id: "key_1", name: "ci", role: .operator, secretHash: KeyHashing.hash(secret: secret), createdAt: now)
            try await store.write { tx in try await tx.saveAPIKey(key) }
            #expect(try await store.apiKey(secretHash: KeyHashing.hash(secret: secret)) == key)
            #expect(try await store.apiKey(secretHash: KeyHashing.hash(secret: "other")) == nil)
            // The secret itself is nowhere in the database.
            let rows = try await store.reader.query("SELECT * FROM api_keys")
            #expect(!rows.description.contains(secret))
            #expect(KeyHashing.hash(secret: secret).count == 64)
        }
    }

    @Test func outboxItemsComeDueAndUpdate() async throws {
        try await withTempStore { store, _ in
            let inc = Incident(id: "inc_1", title: "t", groupKey: "{}", groupLabels: [:], severity: .error, openedAt: now)
            let n = IncidentNotification(kind: .opened, incident: inc, alerts: [Fixtures.alert("A")], time: now)
            try await store.write { tx in
                try await tx.enqueue([OutboxItem(channel: "hook", notification: n, createdAt: now),
                                      OutboxItem(channel: "hook2", notification: n, createdAt: now.addingTimeInterval(100))])
            }
            var due = try await store.dueOutboxItems(at: now, limit: 10)
            #expect(due.map(\.channel) == ["hook"])
            #expect(due[0].notification == n)
            due[0].attempts = 1
            due[0].nextAttemptAt = now.addingTimeInterval(50)
            due[0].lastError = "HTTP 503"
            try await store.updateOutboxItem(due[0])
            #expect(try await store.dueOutboxItems(at: now.addingTimeInterval(10), limit: 10).isEmpty)
            let later = try await store.dueOutboxItems(at: now.addingTimeInterval(200), limit: 10)
            #expect(later.count == 2)
            #expect(later.first { $0.channel == "hook" }?.lastError == "HTTP 503")
            #expect(try await store.outboxCounts()[.pending] == 2)
        }
    }
}
