import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelatorRefreshTests {
    func prom(_ h: Harness, endsIn seconds: TimeInterval, summary: String = "hot") -> Alert {
        var a = Fixtures.alert("CPUHot", ["service": "api"], startsAt: Fixtures.epoch, endsAt: h.now.addingTimeInterval(seconds))
        a.annotations = ["summary": summary]
        return a
    }

    @Test func resendsThatOnlyNudgeTheDeadlineAreNotWritten() throws {
        var h = Harness()
        let first = h.ingest(prom(h, endsIn: 240))
        #expect(first.changedAlerts.count == 1)
        for _ in 0..<10 {
            h.advance(5) // Prometheus-style re-send: deadline moves 5 s each time
            #expect(h.ingest(prom(h, endsIn: 240)).changedAlerts.isEmpty)
        }
        // A changed annotation is written at once.
        #expect(h.ingest(prom(h, endsIn: 240, summary: "hotter")).changedAlerts.count == 1)
        // So is a deadline moved by more than the slack.
        h.advance(Correlator.refreshSlack + 1)
        let moved = h.ingest(prom(h, endsIn: 240, summary: "hotter"))
        #expect(moved.changedAlerts.first?.alert.endsAt == h.now.addingTimeInterval(240))
    }

    @Test func theNewestDeadlineDecidesWhenTheAlertEnds() throws {
        var h = Harness()
        h.ingest(prom(h, endsIn: 20)) // stored deadline: epoch + 20
        h.advance(15)
        h.ingest(prom(h, endsIn: 20)) // in memory only: epoch + 35
        h.advance(10) // epoch + 25: past the stored deadline, not the real one
        #expect(h.tick().changedAlerts.isEmpty)
        #expect(h.incidents.first?.status == .open)
        h.advance(11) // epoch + 36
        let c = h.tick()
        let resolved = try #require(c.changedAlerts.first)
        #expect(resolved.status == .resolved)
        #expect(resolved.alert.endsAt == Fixtures.epoch.addingTimeInterval(35))
        #expect(h.incidents.first?.status == .resolved)
    }
}
