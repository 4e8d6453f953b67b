import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelationChangesTests {
    @Test func newAlertReportsItsAlertItsIncidentAndTwoTimelineLines() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api"])
        let c = h.ingest(a)
        let incident = try #require(h.incidents.first)
        #expect(c.changedAlerts.map(\.fingerprint) == [a.fingerprint])
        #expect(c.changedAlerts.first?.incidentID == incident.id)
        #expect(c.changedAlerts.first?.status == .firing)
        #expect(c.changedIncidents == [incident])
        #expect(c.kinds == [.opened, .alertJoined])
        #expect(c.notifications.isEmpty)
        #expect(!c.isEmpty)
    }

    @Test func joiningAlertReportsOnlyItselfAndTheIncident() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api", "instance": "1"]), amAlert("Other", ["service": "x"]))
        h.advance(1)
        let b = amAlert("Down", ["service": "api", "instance": "2"])
        let c = h.ingest(b)
        let incidentID = try #require(h.stored(b)?.incidentID)
        #expect(c.changedAlerts.map(\.fingerprint) == [b.fingerprint])
        #expect(c.changedIncidents.map(\.id) == [incidentID])
        #expect(c.changedIncidents.first?.alertCount == 2)
        #expect(c.kinds == [.alertJoined])
    }

    @Test func idleTickReportsNothing() {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(5)
        #expect(h.tick().isEmpty)
        h.advance(30)
        h.tick()
        h.advance(5)
        #expect(h.tick().isEmpty)
    }

    @Test func announcingTickReportsTheIncidentTheNotifiedLineAndTheNotification() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]), amAlert("Other", ["service": "x"]))
        h.advance(30)
        let c = h.tick()
        #expect(c.alerts.isEmpty)
        #expect(c.changedIncidents.count == 2)
        #expect(c.changedIncidents.allSatisfy { $0.notification.announcedOpen })
        #expect(c.kinds == [.notified, .notified])
        #expect(c.notifications.count == 2)
        #expect(Set(c.notifications.map(\.incident.id)) == Set(c.changedIncidents.map(\.id)))
    }

    @Test func resolutionReportsTheResolvedAlertAndIncident() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api"])
        h.ingest(a, amAlert("Other", ["service": "x"]))
        h.advance(10)
        let c = h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        let id = try #require(h.stored(a)?.incidentID)
        #expect(c.changedAlerts.map(\.fingerprint) == [a.fingerprint])
        #expect(c.changedAlerts.first?.status == .resolved)
        #expect(c.changedIncidents.map(\.id) == [id])
        #expect(c.kinds == [.alertResolved, .resolved])
        #expect(c.timeline.allSatisfy { $0.incidentID == id })
    }

    @Test func alertsAreKeyedByEpisodeSoANewEpisodeIsASecondEntry() throws {
        var h = Harness()
        var total = CorrelationChanges()
        total.merge(h.ingest(amAlert("Down", ["service": "api"])))
        h.advance(10)
        total.merge(h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now)))
        h.advance(10)
        total.merge(h.ingest(amAlert("Down", ["service": "api"], startsAt: h.now)))
        #expect(total.alerts.count == 2)
        #expect(Set(total.changedAlerts.map(\.status)) == [.resolved, .firing])
        #expect(total.incidents.count == 1)
        #expect(total.kinds == [.opened, .alertJoined, .alertResolved, .resolved, .reopened, .alertJoined])
    }

    @Test func mergeKeepsTheNewestVersionAndAppendsTimelines() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api"])
        var merged = h.ingest(a)
        h.advance(30)
        merged.merge(h.tick())
        let incident = try #require(h.incidents.first)
        #expect(merged.incidents[incident.id] == incident)
        #expect(merged.incidents[incident.id]?.notification.announcedOpen == true)
        #expect(merged.kinds == [.opened, .alertJoined, .notified])
        #expect(merged.notifications.count == 1)
        #expect(merged.alerts.count == 1)
    }

    @Test func emptyChangesAreEmpty() {
        let c = CorrelationChanges()
        #expect(c.isEmpty)
        #expect(c.changedAlerts.isEmpty)
        #expect(c.changedIncidents.isEmpty)
    }
}
