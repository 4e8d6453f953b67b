import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

/// group_wait 30 s, group_interval 300 s, repeat_interval 3600 s (see `Harness.config`).
@Suite struct CorrelatorNotificationTests {
    @Test func ingestAloneNeverNotifies() {
        var h = Harness()
        let c = h.ingest(amAlert("Down", ["service": "api"]))
        #expect(c.notifications.isEmpty)
    }

    @Test func firstNotificationOnlyOnceGroupWaitPassed() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api", "instance": "1"])
        let b = amAlert("Down", ["service": "api", "instance": "2"])
        h.ingest(a)
        h.advance(10)
        h.ingest(b)
        h.advance(19) // 29 s after opening
        #expect(h.tick().notifications.isEmpty)
        h.advance(1) // 30 s
        let c = h.tick()
        let n = try #require(c.notifications.first)
        #expect(c.notifications.count == 1)
        #expect(n.kind == .opened)
        #expect(n.time == h.now)
        #expect(Set(n.alerts.map(\.fingerprint)) == [a.fingerprint, b.fingerprint], "the incident's alerts")
        #expect(n.incident.id == h.incidents.first?.id)
        #expect(n.incident.notification.announcedOpen)
        #expect(n.incident.notification.lastSentAt == h.now)
        #expect(n.incident.notification.dueAt == nil)
        #expect(c.kinds == [.notified])
        #expect(c.timeline.first?.detail == "opened")
        // Said once, not again on the next tick.
        h.advance(1)
        #expect(h.tick().notifications.isEmpty)
    }

    @Test func alertJoiningAnAnnouncedIncidentWaitsGroupIntervalAfterTheLastSend() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api", "instance": "1"]))
        h.advance(30)
        #expect(h.tick().notificationKinds == [.opened]) // sent at 30
        h.advance(30) // 60
        let join = h.ingest(amAlert("Down", ["service": "api", "instance": "2"]))
        #expect(join.notifications.isEmpty)
        #expect(h.incidents.first?.notification.dueAt == h.at(330))
        h.advance(269) // 329
        #expect(h.tick().notifications.isEmpty)
        h.advance(1) // 330 = last send + group_interval
        let c = h.tick()
        let n = try #require(c.notifications.first)
        #expect(n.kind == .updated)
        #expect(n.alerts.count == 2)
    }

    @Test func alertJoiningLongAfterTheLastSendIsAnnouncedAtTheNextTick() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api", "instance": "1"]))
        h.advance(30)
        h.tick()
        h.advance(1000)
        h.ingest(amAlert("Down", ["service": "api", "instance": "2"]))
        #expect(h.incidents.first?.notification.dueAt == h.now)
        #expect(h.tick().notificationKinds == [.updated])
    }

    @Test func severalJoinsWithinOneIntervalMakeOneUpdate() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api", "instance": "0"]))
        h.advance(30)
        h.tick()
        var updates = 0
        for i in 1...5 {
            h.advance(20)
            h.ingest(amAlert("Down", ["service": "api", "instance": "\(i)"]))
            updates += h.tick().notifications.count
        }
        #expect(updates == 0)
        h.advance(300)
        let c = h.tick()
        #expect(c.notificationKinds == [.updated])
        #expect(c.notifications.first?.alerts.count == 6)
    }

    @Test func resolutionOfAnAnnouncedIncidentIsAnnouncedAtOnce() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(30)
        h.tick()
        h.advance(5)
        let c = h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        let n = try #require(c.notifications.first)
        #expect(c.notifications.count == 1)
        #expect(n.kind == .resolved)
        #expect(n.time == h.now)
        #expect(n.incident.status == .resolved)
        #expect(n.alerts.count == 1)
        #expect(n.alerts.first?.endsAt == h.now)
        // Nothing more after that.
        h.advance(7200)
        #expect(h.tick().notifications.isEmpty)
    }

    @Test func resolutionByTickOfAnAnnouncedIncidentIsAnnounced() throws {
        var h = Harness()
        h.ingest(Fixtures.alert("Down", ["service": "api"])) // times out after 300 s
        h.advance(30)
        h.tick()
        h.advance(270)
        #expect(h.tick().notificationKinds == [.resolved])
    }

    @Test func incidentResolvedBeforeItWasAnnouncedEmitsNothing() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(10)
        let resolved = h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        #expect(resolved.notifications.isEmpty)
        #expect(h.incidents.first?.status == .resolved)
        var total = 0
        for _ in 0..<10 {
            h.advance(600)
            total += h.tick().notifications.count
        }
        #expect(total == 0)
        #expect(h.store.notifications.isEmpty)
    }

    @Test func repeatIntervalReannouncesAnOpenIncident() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(30)
        h.tick() // sent at 30
        h.advance(3599)
        #expect(h.tick().notifications.isEmpty)
        h.advance(1) // 3630 = 30 + repeat_interval
        let c = h.tick()
        let n = try #require(c.notifications.first)
        #expect(c.notifications.count == 1)
        #expect(n.incident.status == .open)
        #expect(n.alerts.count == 1)
        h.advance(3599)
        #expect(h.tick().notifications.isEmpty)
        h.advance(1)
        #expect(h.tick().notifications.count == 1)
    }

    @Test func acknowledgedIncidentIsStillRepeated() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(30)
        h.tick()
        let id = try #require(h.incidents.first).id
        try h.command(.acknowledge(incidentID: id, by: "ana"))
        h.advance(3600)
        #expect(h.tick().notifications.count == 1)
    }

    @Test func reopenedIncidentIsAnnouncedAsReopenedAfterGroupWait() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(30)
        h.tick()
        h.advance(10)
        #expect(h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now)).notificationKinds == [.resolved])
        h.advance(100)
        let reopen = h.ingest(amAlert("Down", ["service": "api"], startsAt: h.now))
        #expect(reopen.notifications.isEmpty)
        h.advance(29)
        #expect(h.tick().notifications.isEmpty)
        h.advance(1)
        let c = h.tick()
        #expect(c.notificationKinds == [.reopened])
        #expect(c.notifications.first?.incident.reopenCount == 1)
    }

    @Test func notificationsAreAlsoRecordedOnTheTimeline() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(30)
        h.tick()
        let id = try #require(h.incidents.first).id
        #expect(h.store.timeline.filter { $0.kind == .notified }.map(\.incidentID) == [id])
    }
}
