import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelatorResolutionTests {
    @Test func resolvedAlertResolvesItsIncident() throws {
        var h = Harness()
        let firing = amAlert("Down", ["service": "api"])
        h.ingest(firing)
        h.advance(60)
        let c = h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        let incident = try #require(h.incidents.first)
        #expect(incident.status == .resolved)
        #expect(incident.resolvedAt == h.now)
        let stored = try #require(h.stored(firing))
        #expect(stored.status == .resolved)
        #expect(stored.alert.endsAt == h.now)
        #expect(c.kinds == [.alertResolved, .resolved])
        #expect(c.incidents[incident.id]?.status == .resolved)
    }

    @Test func resolvedAlertWithEndsAtInThePastKeepsThatEndsAt() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(60)
        h.ingest(amAlert("Down", ["service": "api"], endsAt: h.at(45)))
        #expect(h.stored(amAlert("Down", ["service": "api"]))?.alert.endsAt == h.at(45))
    }

    @Test func tickResolvesWhenEndsAtPasses() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api"], endsAt: h.at(120))
        h.ingest(a)
        h.advance(119)
        let before = h.tick()
        #expect(before.alerts.isEmpty)
        #expect(try #require(h.incidents.first).status == .open)
        h.advance(1)
        let c = h.tick()
        #expect(h.stored(a)?.status == .resolved)
        #expect(try #require(h.incidents.first).status == .resolved)
        #expect(c.kinds.contains(.resolved))
    }

    @Test func resolveTimeoutAppliesToAlertsWithoutEndsAtFromOtherSources() throws {
        for source in ["prometheus", "api", "event"] {
            var h = Harness()
            let a = Fixtures.alert("Down", ["service": "api"], source: source)
            h.ingest(a)
            #expect(h.stored(a)?.alert.endsAt == h.at(300), "\(source)")
            h.advance(299)
            h.tick()
            #expect(h.stored(a)?.status == .firing, "\(source)")
            h.advance(1)
            h.tick()
            #expect(h.stored(a)?.status == .resolved, "\(source)")
            #expect(h.incidents.first?.status == .resolved, "\(source)")
        }
    }

    @Test func resolveTimeoutDoesNotApplyToAlertmanagerAlerts() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api"])
        h.ingest(a)
        #expect(h.stored(a)?.alert.endsAt == nil)
        h.advance(86_400)
        h.tick()
        #expect(h.stored(a)?.status == .firing)
        #expect(try #require(h.incidents.first).status == .open)
    }

    @Test func explicitEndsAtIsNotOverriddenByTheResolveTimeout() {
        var h = Harness()
        let a = Fixtures.alert("Down", ["service": "api"], endsAt: h.at(3600))
        h.ingest(a)
        #expect(h.stored(a)?.alert.endsAt == h.at(3600))
        h.advance(600)
        h.tick()
        #expect(h.stored(a)?.status == .firing)
    }

    @Test func incidentResolvesOnlyWhenAllMembersResolved() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api", "instance": "1"])
        let b = amAlert("Down", ["service": "api", "instance": "2"])
        h.ingest(a, b)
        h.advance(10)
        let first = h.ingest(amAlert("Down", ["service": "api", "instance": "1"], endsAt: h.now))
        #expect(try #require(h.incidents.first).status == .open)
        #expect(first.kinds == [.alertResolved])
        #expect(first.incidents.isEmpty)
        h.advance(10)
        h.ingest(amAlert("Down", ["service": "api", "instance": "2"], endsAt: h.now))
        let incident = try #require(h.incidents.first)
        #expect(incident.status == .resolved)
        #expect(incident.resolvedAt == h.now)
    }

    @Test func resolvedAlertNeverSeenFiringIsRecordedButOpensNothing() throws {
        var h = Harness()
        let a = amAlert("Down", ["service": "api"], startsAt: h.at(-600), endsAt: h.at(-60))
        let c = h.ingest(a)
        #expect(h.incidents.isEmpty)
        #expect(c.incidents.isEmpty)
        #expect(c.timeline.isEmpty)
        let stored = try #require(c.changedAlerts.first)
        #expect(stored.status == .resolved)
        #expect(stored.incidentID == nil)
    }

    @Test func resendOfAResolvedEpisodeChangesNothing() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(10)
        let resolved = amAlert("Down", ["service": "api"], endsAt: h.now)
        h.ingest(resolved)
        let id = try #require(h.incidents.first).id
        h.advance(10)
        let again = h.ingest(resolved)
        #expect(again.isEmpty)
        #expect(h.incidents.first?.id == id)
        #expect(h.incidents.first?.status == .resolved)
        #expect(h.incidents.first?.reopenCount == 0)
    }

    @Test func suppressedAlertThatResolvesLeavesNoIncident() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence("service=api", from: h.now)]
        let a = amAlert("Down", ["service": "api"])
        h.ingest(a)
        h.advance(10)
        h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        // The store gets the resolved episode; the correlator need not track it any longer.
        #expect(h.store.alerts.values.filter { $0.fingerprint == a.fingerprint }.map(\.status) == [.resolved])
        #expect(h.stored(a) == nil)
        h.advance(7200)
        h.tick()
        #expect(h.incidents.isEmpty)
    }
}
