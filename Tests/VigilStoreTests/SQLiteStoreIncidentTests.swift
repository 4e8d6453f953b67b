import Foundation
import Testing
import VigilCore
import VigilTesting
@testable import VigilStore

@Suite struct SQLiteStoreIncidentTests {
    let now = Fixtures.epoch

    func incident(_ id: String, opened: TimeInterval, status: IncidentStatus = .open, service: String = "api") -> Incident {
        var i = Incident(id: id, title: "T \(id)", groupKey: "{service=\"\(service)\"}", groupLabels: ["service": service],
                         severity: .critical, openedAt: now.addingTimeInterval(opened))
        i.status = status
        if status == .resolved { i.resolvedAt = now.addingTimeInterval(opened + 10) }
        i.notification = NotificationState(dueAt: now, lastSentAt: nil, announcedOpen: true)
        i.alertCount = 3
        return i
    }

    @Test func roundTripsEveryField() async throws {
        try await withTempStore { store, _ in
            var i = incident("inc_1", opened: 0)
            i.acknowledgedAt = now.addingTimeInterval(5)
            i.acknowledgedBy = "ana"
            i.reopenCount = 2
            try await store.write { [i] tx in
                try await tx.saveIncidents([i])
                try await tx.appendTimeline([IncidentEvent(incidentID: "inc_1", time: now, kind: .opened, detail: "x"),
                                             IncidentEvent(incidentID: "inc_1", time: now, kind: .acknowledged, actor: "ana")])
            }
            let back = try #require(try await store.incident(id: "inc_1"))
            #expect(back == i)
            #expect(try await store.timeline(incidentID: "inc_1").map(\.kind) == [.opened, .acknowledged])
            #expect(try await store.incident(id: "missing") == nil)
        }
    }

    @Test func filtersAndPagesNewestFirst() async throws {
        try await withTempStore { store, _ in
            var all: [Incident] = []
            for n in 0..<30 {
                let status: IncidentStatus = n % 3 == 0 ? .resolved : .open
                all.append(incident("inc_\(n)", opened: Double(n), status: status, service: n % 2 == 0 ? "api" : "db"))
            }
            let all2 = all
            try await store.write { tx in try await tx.saveIncidents(all2) }
            let open = try await store.incidents(IncidentQuery(status: .open, limit: 500))
            #expect(open.items.count == 20)
            #expect(open.items.map(\.openedAt) == open.items.map(\.openedAt).sorted(by: >))
            var ids: [String] = []
            var cursor: String?
            repeat {
                let p = try await store.incidents(IncidentQuery(service: "db", limit: 4, cursor: cursor))
                ids += p.items.map(\.id)
                cursor = p.nextCursor
            } while cursor != nil
            #expect(ids.count == 15)
            #expect(Set(ids).count == 15)
            let since = try await store.incidents(IncidentQuery(since: now.addingTimeInterval(25)))
            #expect(since.items.count == 5)
            let counts = try await store.incidentCounts()
            #expect(counts[.open] == 20)
            #expect(counts[.resolved] == 10)
            let recent = try await store.recentIncidents(resolvedSince: now.addingTimeInterval(30))
            #expect(recent.allSatisfy { $0.status != .resolved || $0.resolvedAt! >= now.addingTimeInterval(30) })
            // Resolved ones resolve 10 s after opening; those resolved at ≥ 30 s are inc_21, inc_24 and inc_27.
            #expect(recent.count == 20 + 3)
        }
    }
}
