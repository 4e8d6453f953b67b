import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelatorDedupTests {
    @Test func sameAlertFiveTimesIsOneEpisodeOneIncident() throws {
        var h = Harness()
        let alert = amAlert("DiskFull", ["service": "db", "instance": "db1"])
        for _ in 0..<5 {
            h.ingest(alert)
            h.advance(10)
        }
        #expect(h.correlator.alerts.count == 1)
        #expect(h.incidents.count == 1)
        let incident = try #require(h.incidents.first)
        #expect(incident.alertCount == 1)
        #expect(h.store.alerts.count == 1, "one stored episode")
        #expect(h.store.incidents.count == 1)
        #expect(h.store.timeline.filter { $0.kind == .alertJoined }.count == 1)
    }

    @Test func sameAlertFiveTimesInOneBatchIsOneEpisode() throws {
        var h = Harness()
        let alert = Fixtures.alert("DiskFull", ["service": "db"])
        let c = h.correlator.ingest(Array(repeating: alert, count: 5), silences: [], now: h.now)
        #expect(c.alerts.count == 1)
        #expect(c.incidents.count == 1)
        #expect(try #require(c.changedIncidents.first).alertCount == 1)
    }

    @Test func resendRefreshesAnnotationsAndEndsAtButKeepsTheEpisode() throws {
        var h = Harness()
        var alert = Fixtures.alert("DiskFull", ["service": "db"], endsAt: h.at(240))
        h.ingest(alert)
        h.advance(60)
        alert.annotations = ["summary": "now 99% full"]
        alert.endsAt = h.at(600)
        alert.generatorURL = "http://prom/graph"
        let c = h.ingest(alert)
        let stored = try #require(h.stored(alert))
        #expect(stored.alert.annotations == ["summary": "now 99% full"])
        #expect(stored.alert.endsAt == h.at(600))
        #expect(stored.alert.generatorURL == "http://prom/graph")
        #expect(stored.alert.startsAt == Fixtures.epoch)
        #expect(stored.receivedAt == Fixtures.epoch)
        #expect(stored.updatedAt == h.now)
        #expect(stored.status == .firing)
        #expect(c.incidents.isEmpty, "a refresh does not touch the incident")
        #expect(c.timeline.isEmpty)
        #expect(c.alerts.count == 1)
        // The refreshed endsAt is the one that counts: not resolved at the old endsAt.
        h.advance(200) // t = 260
        #expect(h.tick().alerts.isEmpty)
        #expect(h.stored(alert)?.status == .firing)
    }

    @Test func resendWithoutEndsAtExtendsTheResolveTimeout() {
        var h = Harness()
        let alert = Fixtures.alert("DiskFull", ["service": "db"]) // source prometheus, no endsAt
        h.ingest(alert)
        h.advance(200)
        h.ingest(alert) // endsAt is now 200 + 300
        h.advance(200)  // 400: past the first timeout, not the second
        h.tick()
        #expect(h.stored(alert)?.status == .firing)
        h.advance(100)  // 500
        h.tick()
        #expect(h.stored(alert)?.status == .resolved)
    }

    @Test func fingerprintIgnoresAnnotations() {
        var h = Harness()
        var a = amAlert("DiskFull", ["service": "db"])
        h.ingest(a)
        a.annotations = ["summary": "different"]
        h.ingest(a)
        #expect(h.correlator.alerts.count == 1)
        #expect(h.incidents.first?.alertCount == 1)
    }
}
