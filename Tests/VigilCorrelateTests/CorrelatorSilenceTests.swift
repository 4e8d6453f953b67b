import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelatorSilenceTests {
    @Test func silencedFiringAlertIsSuppressedAndOpensNoIncident() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence(#"{alertname="Down", service="api"}"#, from: h.now, for: 600, id: "sil_1")]
        let a = amAlert("Down", ["service": "api"])
        let c = h.ingest(a)
        let stored = try #require(h.stored(a))
        #expect(stored.status == .suppressed)
        #expect(stored.silencedBy == ["sil_1"])
        #expect(stored.inhibitedBy.isEmpty)
        #expect(stored.incidentID == nil)
        #expect(h.incidents.isEmpty)
        #expect(c.incidents.isEmpty)
        #expect(c.timeline.isEmpty)
        #expect(c.notifications.isEmpty)
        #expect(c.changedAlerts.map(\.status) == [.suppressed])
    }

    @Test func nonMatchingAlertIsNotSilenced() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence("service=api", from: h.now)]
        h.ingest(amAlert("Down", ["service": "web"]))
        #expect(h.incidents.count == 1)
    }

    @Test func pendingSilenceDoesNotMute() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence("service=api", from: h.at(60))]
        h.ingest(amAlert("Down", ["service": "api"]))
        #expect(h.incidents.count == 1)
    }

    @Test func whenTheSilenceExpiresTickAttachesTheAlert() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence("service=api", from: h.now, for: 600, id: "sil_1")]
        let a = amAlert("Down", ["service": "api"])
        h.ingest(a)
        h.advance(599)
        let during = h.tick()
        #expect(during.isEmpty)
        #expect(h.incidents.isEmpty)
        h.advance(1)
        let c = h.tick()
        let incident = try #require(h.incidents.first)
        let stored = try #require(h.stored(a))
        #expect(stored.status == .firing)
        #expect(stored.silencedBy.isEmpty)
        #expect(stored.incidentID == incident.id)
        #expect(incident.openedAt == h.now)
        #expect(incident.alertCount == 1)
        #expect(c.kinds == [.opened, .alertJoined])
        #expect(c.alerts.count == 1)
        #expect(c.incidents.count == 1)
        // And it is announced group_wait later, not at once.
        #expect(c.notifications.isEmpty)
        h.advance(30)
        #expect(h.tick().notificationKinds == [.opened])
    }

    @Test func removingTheSilenceReleasesTheAlertAtTheNextTick() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence("service=api", from: h.now)]
        h.ingest(amAlert("Down", ["service": "api"]))
        h.silences = []
        h.advance(1)
        h.tick()
        #expect(h.incidents.count == 1)
    }

    @Test func silencedByIsUpdatedWhenTheSetOfSilencesChanges() throws {
        var h = Harness()
        let s1 = try Fixtures.silence("service=api", from: h.now, for: 600, id: "s1")
        let s2 = try Fixtures.silence("alertname=Down", from: h.now, for: 3600, id: "s2")
        h.silences = [s1, s2]
        let a = amAlert("Down", ["service": "api"])
        h.ingest(a)
        #expect(h.stored(a)?.silencedBy == ["s1", "s2"])
        h.advance(600)
        let c = h.tick()
        #expect(h.stored(a)?.silencedBy == ["s2"])
        #expect(h.stored(a)?.status == .suppressed)
        #expect(c.alerts.count == 1)
        #expect(h.incidents.isEmpty)
        h.advance(60)
        #expect(h.tick().isEmpty, "nothing changed since the last tick")
    }

    @Test func resentSilencedAlertStaysSuppressed() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence("service=api", from: h.now)]
        let a = amAlert("Down", ["service": "api"])
        h.ingest(a)
        h.advance(10)
        h.ingest(a)
        #expect(h.stored(a)?.status == .suppressed)
        #expect(h.incidents.isEmpty)
    }

    @Test func silenceCreatedLaterDoesNotMuteAnAlreadyFiringAlertsIncident() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.silences = [try Fixtures.silence("service=api", from: h.now)]
        h.advance(10)
        h.ingest(amAlert("Down", ["service": "api"]))
        #expect(h.incidents.count == 1)
        #expect(h.stored(amAlert("Down", ["service": "api"]))?.status == .firing)
    }
}
