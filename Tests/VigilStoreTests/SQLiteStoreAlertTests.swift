import Foundation
import Logging
import Testing
import VigilCore
import VigilTesting
@testable import VigilStore

@Suite struct SQLiteStoreAlertTests {
    let now = Fixtures.epoch

    @Test func upsertKeepsOneRowPerEpisode() async throws {
        try await withTempStore { store, _ in
            let a = Fixtures.alert("DiskFull", ["instance": "db1"])
            var stored = StoredAlert(alert: a, status: .firing, receivedAt: now, updatedAt: now)
            try await store.write { [stored] tx in try await tx.upsertAlerts([stored, stored]) }
            stored.status = .resolved
            stored.alert.endsAt = now.addingTimeInterval(60)
            try await store.write { [stored] tx in try await tx.upsertAlerts([stored]) }
            let page = try await store.alerts(AlertQuery())
            #expect(page.items.count == 1)
            #expect(page.items[0].status == .resolved)
            #expect(page.items[0].alert.endsAt == now.addingTimeInterval(60))
            #expect(page.items[0].fingerprint == a.fingerprint)
            #expect(page.items[0].alert.labels == a.labels)
            // A new episode (later startsAt) is a second row.
            let again = StoredAlert(alert: Fixtures.alert("DiskFull", ["instance": "db1"], startsAt: now.addingTimeInterval(600)),
                                    status: .firing, receivedAt: now, updatedAt: now)
            try await store.write { tx in try await tx.upsertAlerts([again]) }
            #expect(try await store.alerts(AlertQuery()).items.count == 2)
            #expect(try await store.activeAlerts().count == 1)
        }
    }

    @Test func cursorPaginationVisitsEveryRowOnce() async throws {
        try await withTempStore { store, _ in
            let alerts = (0..<250).map { i in
                StoredAlert(alert: Fixtures.alert("A\(i % 7)", ["i": "\(i)"]), status: .firing, receivedAt: now, updatedAt: now)
            }
            try await store.write { tx in try await tx.upsertAlerts(alerts) }
            var seen: Set<Fingerprint> = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await store.alerts(AlertQuery(limit: 100, cursor: cursor))
                for a in page.items { #expect(seen.insert(a.fingerprint).inserted) }
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil
            #expect(seen.count == 250)
            #expect(pages == 3)
            let filtered = try await store.alerts(AlertQuery(alertname: "A3", limit: 1000))
            #expect(filtered.items.count == (0..<250).filter { $0 % 7 == 3 }.count)
        }
    }

    @Test func rejectsForgedCursor() async throws {
        try await withTempStore { store, _ in
            await #expect(throws: InvalidCursor.self) { _ = try await store.alerts(AlertQuery(cursor: "not-base64!")) }
            await #expect(throws: InvalidCursor.self) { _ = try await store.incidents(IncidentQuery(cursor: "YQ==")) }
        }
    }

    @Test func failedTransactionLeavesNothing() async throws {
        struct Boom: Error {}
        try await withTempStore { store, _ in
            let a = StoredAlert(alert: Fixtures.alert("X"), status: .firing, receivedAt: now, updatedAt: now)
            await #expect(throws: Boom.self) {
                try await store.write { tx in
                    try await tx.upsertAlerts([a])
                    throw Boom()
                }
            }
            let left = try await store.alerts(AlertQuery()).items
            #expect(left.isEmpty)
        }
    }

    @Test func reopeningMigratesOnceAndKeepsData() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-reopen-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/vigil.db"
        let s1 = try await SQLiteStore.open(path: path, logger: Logger(label: "t"))
        try await s1.write { tx in
            try await tx.upsertAlerts([StoredAlert(alert: Fixtures.alert("Keep"), status: .firing, receivedAt: now, updatedAt: now)])
        }
        #expect(try await s1.schemaVersion() == SQLiteMigrations.all.last?.version)
        try await s1.close()
        let s2 = try await SQLiteStore.open(path: path, logger: Logger(label: "t"))
        #expect(try await s2.alerts(AlertQuery()).items.map(\.alert.name) == ["Keep"])
        try await s2.close()
    }
}

@Suite struct JSONTextTests {
    @Test func encodesWhatJSONDecoderReadsBack() throws {
        let tricky: [String: String] = ["quote": "a\"b", "slash": "c\\d", "nl": "e\nf", "ctl": "\u{01}\u{1F}", "uni": "дисk 💾",
                                        "": "empty-key", "tab": "\t"]
        let text = JSONText.object(tricky)
        let back = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(back == tricky)
        let list = ["x", "y\"z", ""]
        #expect(try JSONDecoder().decode([String].self, from: Data(JSONText.array(list).utf8)) == list)
        #expect(JSONText.object([:]) == "{}")
        #expect(JSONText.array([]) == "[]")
    }
}
