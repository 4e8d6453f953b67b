import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelatorInhibitionTests {
    private func harness() throws -> Harness {
        var config = Harness.config
        config.inhibitRules = [try Fixtures.inhibitRule(source: "severity=critical", target: "severity=warning",
                                                        equal: ["service"])]
        return Harness(config)
    }

    @Test func warningForTheSameServiceWhileCriticalFiresIsInhibited() throws {
        var h = try harness()
        let critical = amAlert("Down", ["service": "api"], severity: "critical")
        let warning = amAlert("SlowRequests", ["service": "api"], severity: "warning")
        h.ingest(critical)
        h.advance(5)
        let c = h.ingest(warning)
        let stored = try #require(h.stored(warning))
        #expect(stored.status == .suppressed)
        #expect(stored.inhibitedBy == [critical.fingerprint])
        #expect(stored.silencedBy.isEmpty)
        #expect(stored.incidentID == nil)
        #expect(h.incidents.count == 1, "only the critical's incident")
        #expect(c.incidents.isEmpty)
    }

    @Test func inhibitedWarningStaysSuppressedAcrossTicksWhileTheCriticalFires() throws {
        var h = try harness()
        let critical = amAlert("Down", ["service": "api"], severity: "critical")
        let warning = amAlert("SlowRequests", ["service": "api"])
        h.ingest(critical, warning)
        for _ in 0..<5 {
            h.advance(600)
            let c = h.tick()
            #expect(c.alerts.isEmpty, "nothing about the warning changed")
        }
        #expect(h.stored(warning)?.status == .suppressed)
        #expect(h.stored(warning)?.inhibitedBy == [critical.fingerprint])
        #expect(h.incidents.count == 1)
    }

    @Test func warningForAnotherServiceIsNotInhibited() throws {
        var h = try harness()
        h.ingest(amAlert("Down", ["service": "api"], severity: "critical"))
        let warning = amAlert("SlowRequests", ["service": "web"], severity: "warning")
        h.ingest(warning)
        let stored = try #require(h.stored(warning))
        #expect(stored.status == .firing)
        #expect(stored.inhibitedBy.isEmpty)
        #expect(h.incidents.count == 2)
    }

    @Test func criticalDoesNotInhibitItselfOrOtherCriticals() throws {
        var h = try harness()
        let c1 = amAlert("Down", ["service": "api"], severity: "critical")
        let c2 = amAlert("Errors", ["service": "api"], severity: "critical")
        h.ingest(c1, c2)
        #expect(h.stored(c1)?.status == .firing)
        #expect(h.stored(c2)?.status == .firing)
    }

    @Test func resolvedCriticalDoesNotInhibit() throws {
        var h = try harness()
        h.ingest(amAlert("Down", ["service": "api"], severity: "critical"))
        h.advance(10)
        h.ingest(amAlert("Down", ["service": "api"], severity: "critical", endsAt: h.now))
        let warning = amAlert("SlowRequests", ["service": "api"])
        h.ingest(warning)
        #expect(h.stored(warning)?.status == .firing)
    }

    @Test func whenTheCriticalResolvesTheInhibitedWarningIsReleasedAtTheNextTick() throws {
        var h = try harness()
        let critical = amAlert("Down", ["service": "api"], severity: "critical")
        let warning = amAlert("SlowRequests", ["service": "api"])
        h.ingest(critical, warning)
        #expect(h.stored(warning)?.status == .suppressed)
        h.advance(60)
        h.ingest(amAlert("Down", ["service": "api"], severity: "critical", endsAt: h.now))
        h.advance(1)
        let c = h.tick()
        let stored = try #require(h.stored(warning))
        #expect(stored.status == .firing)
        #expect(stored.inhibitedBy.isEmpty)
        let incidentID = try #require(stored.incidentID)
        #expect(h.correlator.incident(id: incidentID)?.title == "SlowRequests on api")
        #expect(c.kinds.contains(.opened))
    }
}
