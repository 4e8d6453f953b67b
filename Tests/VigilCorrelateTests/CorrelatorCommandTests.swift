import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelatorCommandTests {
    private func opened(_ h: inout Harness, announce: Bool = false) throws -> String {
        h.ingest(amAlert("Down", ["service": "api"]))
        if announce {
            h.advance(30)
            h.tick()
        }
        return try #require(h.incidents.first).id
    }

    @Test func acknowledgeRecordsWhoAndWhen() throws {
        var h = Harness()
        let id = try opened(&h)
        h.advance(12)
        let c = try h.command(.acknowledge(incidentID: id, by: "ana"))
        let incident = try #require(h.correlator.incident(id: id))
        #expect(incident.status == .acknowledged)
        #expect(incident.acknowledgedBy == "ana")
        #expect(incident.acknowledgedAt == h.now)
        #expect(c.incidents[id] == incident)
        #expect(c.timeline.count == 1)
        #expect(c.timeline.first?.kind == .acknowledged)
        #expect(c.timeline.first?.actor == "ana")
        #expect(c.notifications.isEmpty)
        #expect(c.alerts.isEmpty)
    }

    @Test func acknowledgeTwiceIsIdempotent() throws {
        var h = Harness()
        let id = try opened(&h)
        try h.command(.acknowledge(incidentID: id, by: "ana"))
        h.advance(5)
        let again = try h.command(.acknowledge(incidentID: id, by: "bob"))
        #expect(again.isEmpty)
        #expect(h.correlator.incident(id: id)?.acknowledgedBy == "ana")
    }

    @Test func resolveAnAnnouncedIncidentNotifiesResolved() throws {
        var h = Harness()
        let id = try opened(&h, announce: true)
        h.advance(5)
        let c = try h.command(.resolve(incidentID: id, by: "ana"))
        let incident = try #require(h.correlator.incident(id: id))
        #expect(incident.status == .resolved)
        #expect(incident.resolvedAt == h.now)
        #expect(c.kinds == [.resolved])
        #expect(c.timeline.first?.actor == "ana")
        #expect(c.notificationKinds == [.resolved])
        #expect(c.incidents[id]?.status == .resolved)
        #expect(c.incidents[id]?.notification.announcedOpen == false)
    }

    @Test func resolveAnUnannouncedIncidentNotifiesNothingAndCancelsTheFirstNotification() throws {
        var h = Harness()
        let id = try opened(&h)
        let c = try h.command(.resolve(incidentID: id, by: "ana"))
        #expect(c.notifications.isEmpty)
        h.advance(60)
        #expect(h.tick().notifications.isEmpty)
    }

    @Test func resolveTwiceIsIdempotent() throws {
        var h = Harness()
        let id = try opened(&h, announce: true)
        try h.command(.resolve(incidentID: id, by: "ana"))
        let again = try h.command(.resolve(incidentID: id, by: "ana"))
        #expect(again.isEmpty)
    }

    @Test func acknowledgeAResolvedIncidentIsAnInvalidTransition() throws {
        var h = Harness()
        let id = try opened(&h)
        try h.command(.resolve(incidentID: id, by: "ana"))
        #expect(throws: CorrelationError.invalidTransition("cannot acknowledge an incident that is resolved")) {
            try h.command(.acknowledge(incidentID: id, by: "ana"))
        }
    }

    @Test func unknownIncident() throws {
        var h = Harness()
        _ = try opened(&h)
        #expect(throws: CorrelationError.unknownIncident("inc_nope")) {
            try h.command(.acknowledge(incidentID: "inc_nope", by: "ana"))
        }
        #expect(throws: CorrelationError.unknownIncident("inc_nope")) {
            try h.command(.resolve(incidentID: "inc_nope", by: "ana"))
        }
    }

    @Test func afterManualResolveResendsOfTheStillFiringAlertDoNotReopen() throws {
        var h = Harness()
        let id = try opened(&h, announce: true)
        try h.command(.resolve(incidentID: id, by: "ana"))
        for _ in 0..<5 {
            h.advance(60)
            let c = h.ingest(amAlert("Down", ["service": "api"]))
            #expect(c.incidents.isEmpty)
            #expect(c.notifications.isEmpty)
            h.tick()
        }
        let incident = try #require(h.correlator.incident(id: id))
        #expect(incident.status == .resolved)
        #expect(incident.reopenCount == 0)
    }

    @Test func afterManualResolveANewEpisodeReopens() throws {
        var h = Harness()
        let id = try opened(&h, announce: true)
        try h.command(.resolve(incidentID: id, by: "ana"))
        h.advance(60)
        // The episode ends, then fires again.
        h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        #expect(h.correlator.incident(id: id)?.status == .resolved)
        h.advance(60)
        h.ingest(amAlert("Down", ["service": "api"], startsAt: h.now))
        let incident = try #require(h.correlator.incident(id: id))
        #expect(incident.status == .open)
        #expect(incident.reopenCount == 1)
    }

    @Test func afterManualResolveAndReopenTheStillFiringOldEpisodeCountsAgain() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api", "instance": "old"]))
        let id = try #require(h.incidents.first).id
        try h.command(.resolve(incidentID: id, by: "ana"))
        h.advance(60)
        let newcomer = amAlert("Down", ["service": "api", "instance": "new"], startsAt: h.now)
        h.ingest(newcomer)
        #expect(h.correlator.incident(id: id)?.status == .open)
        h.advance(60)
        h.ingest(amAlert("Down", ["service": "api", "instance": "new"], startsAt: newcomer.startsAt, endsAt: h.now))
        // "old" still fires: the reopened incident is not over. (Counting it again is also what a restart
        // rebuilds from the stored alerts, see CorrelatorRestoreTests.)
        #expect(h.correlator.incident(id: id)?.status == .open)
        h.advance(60)
        h.ingest(amAlert("Down", ["service": "api", "instance": "old"], endsAt: h.now))
        #expect(h.correlator.incident(id: id)?.status == .resolved)
    }

    @Test func acknowledgedIncidentStillResolvesWhenItsAlertsResolve() throws {
        var h = Harness()
        let id = try opened(&h)
        try h.command(.acknowledge(incidentID: id, by: "ana"))
        h.advance(10)
        h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        let incident = try #require(h.correlator.incident(id: id))
        #expect(incident.status == .resolved)
        #expect(h.store.timeline.last?.actor == "vigil")
    }
}
