import Foundation
import Logging
import Testing
import VigilCore
import VigilStore
import VigilTesting
@testable import VigilNotify

@Suite struct OutboxDeliveryTests {
    func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-outbox-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try await SQLiteStore.open(path: dir + "/v.db", logger: Logger(label: "t"))
        do { try await body(store) } catch { try? await store.close(); throw error }
        try await store.close()
    }

    func enqueue(_ store: SQLiteStore, channel: String, at now: Date) async throws {
        let inc = Incident(id: "inc_1", title: "t", groupKey: "{}", groupLabels: [:], severity: .error, openedAt: now)
        let n = IncidentNotification(kind: .opened, incident: inc, alerts: [], time: now)
        try await store.write { tx in try await tx.enqueue([OutboxItem(channel: channel, notification: n, createdAt: now)]) }
    }

    @Test func retriesUntilDeliveredAcrossRestarts() async throws {
        try await withStore { store in
            let clock = TestClock()
            let notifier = RecordingNotifier(name: "hook")
            notifier.failNext([NotifyError("HTTP 503", retryable: true), NotifyError("HTTP 502", retryable: true)])
            try await enqueue(store, channel: "hook", at: clock.now())
            let delivery = OutboxDelivery(store: store, notifiers: NotifierRegistry([notifier]),
                                          policy: RetryPolicy(maxAttempts: 5, initialBackoff: 10, maxBackoff: 60),
                                          clock: clock, logger: Logger(label: "t"))
            #expect(try await delivery.deliverDue() == 1)
            #expect(notifier.sent.isEmpty)
            #expect(try await delivery.deliverDue() == 0) // backing off
            clock.advance(by: 10)
            #expect(try await delivery.deliverDue() == 1) // second failure
            clock.advance(by: 20)
            // A new delivery instance (as after a restart) picks the item up from the store.
            let restarted = OutboxDelivery(store: store, notifiers: NotifierRegistry([notifier]), clock: clock, logger: Logger(label: "t"))
            #expect(try await restarted.deliverDue() == 1)
            #expect(notifier.sent.count == 1)
            #expect(try await store.outboxCounts()[.delivered] == 1)
            clock.advance(by: 1000)
            #expect(try await restarted.deliverDue() == 0)
        }
    }

    @Test func deadLettersPermanentFailuresAndUnknownChannels() async throws {
        try await withStore { store in
            let clock = TestClock()
            let notifier = RecordingNotifier(name: "hook")
            notifier.failNext([NotifyError("HTTP 400", retryable: false)])
            try await enqueue(store, channel: "hook", at: clock.now())
            try await enqueue(store, channel: "gone", at: clock.now())
            let delivery = OutboxDelivery(store: store, notifiers: NotifierRegistry([notifier]), clock: clock, logger: Logger(label: "t"))
            #expect(try await delivery.deliverDue() == 2)
            #expect(try await store.outboxCounts()[.dead] == 2)
            clock.advance(by: 3600)
            #expect(try await delivery.deliverDue() == 0)
        }
    }
}
