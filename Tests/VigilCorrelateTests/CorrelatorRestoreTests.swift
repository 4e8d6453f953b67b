import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

/// A restart is simulated the way the server does it: a new correlator restored
/// from `activeAlerts()` and `recentIncidents(resolvedSince: now - reopenWindow)`.
@Suite struct CorrelatorRestoreTests {
    private func restarted(_ h: Harness) -> Harness {
        var fresh = Harness(h.correlator.config, clock: h.clock)
        fresh.store = h.store
        fresh.silences = h.silences
        fresh.correlator.restore(alerts: h.store.activeAlerts,
                                 incidents: h.store.recentIncidents(resolvedSince: h.now.addingTimeInterval(-h.correlator.config.reopenWindow)))
        return fresh
    }

    /// Runs the same script on a correlator that restarts after `restartAfter` steps and on one that never does.
    private func compare(restartAfter: Int, _ steps: [(inout Harness) throws -> Void]) throws -> (live: Harness, restored: Harness) {
        var live = Harness(clock: TestClock(now: Fixtures.epoch))
        var other = Harness(clock: TestClock(now: Fixtures.epoch))
        for (i, step) in steps.enumerated() {
            if i == restartAfter { other = restarted(other) }
            try step(&live)
            try step(&other)
        }
        return (live, other)
    }

    private func summary(_ h: Harness) -> [String] {
        h.store.incidents.values.sorted { $0.id < $1.id }.map {
            "\($0.id) \($0.status) reopen=\($0.reopenCount) alerts=\($0.alertCount) sev=\($0.severity)"
        }
    }

    @Test func restoredCorrelatorJoinsTheSameIncidentInsteadOfOpeningADuplicate() throws {
        let steps: [(inout Harness) throws -> Void] = [
            { $0.ingest(amAlert("Down", ["service": "api", "instance": "1"])) },
            { $0.advance(30); $0.tick() },
            { $0.advance(30); $0.ingest(amAlert("Down", ["service": "api", "instance": "2"], severity: "critical")) },
            { $0.advance(270); $0.tick() },
        ]
        for restartAfter in 1..<steps.count {
            let (live, restored) = try compare(restartAfter: restartAfter, steps)
            // IDs are random, so compare by count and shape.
            #expect(restored.store.incidents.count == 1, "restart after step \(restartAfter)")
            #expect(restored.incidents.count == 1)
            #expect(restored.store.notifications.map(\.kind) == live.store.notifications.map(\.kind),
                    "restart after step \(restartAfter)")
            let r = try #require(restored.incidents.first)
            let l = try #require(live.incidents.first)
            #expect(r.alertCount == l.alertCount)
            #expect(r.severity == l.severity)
            #expect(r.status == l.status)
        }
    }

    @Test func restoreKeepsIncidentIDs() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        let id = try #require(h.incidents.first).id
        var r = restarted(h)
        r.advance(10)
        r.ingest(amAlert("Down", ["service": "api", "instance": "2"]))
        #expect(r.incidents.map(\.id) == [id])
        #expect(r.correlator.incident(id: id)?.alertCount == 2)
        // A re-send of the restored alert is a refresh, not a new member.
        r.ingest(amAlert("Down", ["service": "api"]))
        #expect(r.correlator.incident(id: id)?.alertCount == 2)
    }

    @Test func restoredIncidentResolvesWhenItsRestoredAlertsResolve() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api", "instance": "1"]), amAlert("Down", ["service": "api", "instance": "2"]))
        h.advance(30)
        h.tick()
        var r = restarted(h)
        r.advance(10)
        r.ingest(amAlert("Down", ["service": "api", "instance": "1"], endsAt: r.now))
        #expect(r.incidents.first?.status == .open)
        let c = r.ingest(amAlert("Down", ["service": "api", "instance": "2"], endsAt: r.now))
        #expect(r.incidents.first?.status == .resolved)
        #expect(c.notificationKinds == [.resolved])
    }

    @Test func restoredResolvedIncidentReopensWithinTheWindow() throws {
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api"]))
        h.advance(30)
        h.ingest(amAlert("Down", ["service": "api"], endsAt: h.now))
        let id = try #require(h.incidents.first).id
        var r = restarted(h)
        r.advance(60)
        r.ingest(amAlert("Down", ["service": "api"], startsAt: r.now))
        #expect(r.incidents.map(\.id) == [id])
        #expect(r.incidents.first?.reopenCount == 1)
    }

    @Test func restoredSuppressedAlertIsReleasedWhenItsSilenceExpires() throws {
        var h = Harness()
        h.silences = [try Fixtures.silence("service=api", from: h.now, for: 60)]
        h.ingest(amAlert("Down", ["service": "api"]))
        var r = restarted(h)
        r.advance(60)
        r.tick()
        #expect(r.incidents.count == 1)
    }

    @Test func manualResolveThenRestartBehavesLikeNoRestart() throws {
        let steps: [(inout Harness) throws -> Void] = [
            { $0.ingest(amAlert("Down", ["service": "api", "instance": "old"])) },
            { h in
                h.advance(30)
                h.tick()
                let id = try #require(h.incidents.first).id
                try h.command(.resolve(incidentID: id, by: "ana"))
            },
            { $0.advance(60); $0.ingest(amAlert("Down", ["service": "api", "instance": "new"], startsAt: Fixtures.epoch.addingTimeInterval(90))) },
            { $0.advance(60); $0.ingest(amAlert("Down", ["service": "api", "instance": "new"], startsAt: Fixtures.epoch.addingTimeInterval(90), endsAt: $0.now)) },
            // Re-sends of the old episode: never a new incident.
            { $0.advance(60); $0.ingest(amAlert("Down", ["service": "api", "instance": "old"])); $0.tick() },
        ]
        for restartAfter in 1..<steps.count {
            let (live, restored) = try compare(restartAfter: restartAfter, steps)
            #expect(live.incidents.first?.status == .open, "the old episode still fires")
            #expect(restored.incidents.first?.status == live.incidents.first?.status, "restart after step \(restartAfter)")
            #expect(restored.store.notifications.map(\.kind) == live.store.notifications.map(\.kind),
                    "restart after step \(restartAfter)")
            #expect(restored.store.incidents.count == 1, "restart after step \(restartAfter)")
        }
    }

    @Test func restartAfterManualResolveDoesNotLetTheStillFiringAlertHoldTheIncident() throws {
        // Resolved by hand while "old" fires, restart, then "old" is re-sent and its endsAt-less
        // sibling resolves: the incident must stay resolved and nothing reopens.
        var h = Harness()
        h.ingest(amAlert("Down", ["service": "api", "instance": "old"]))
        let id = try #require(h.incidents.first).id
        try h.command(.resolve(incidentID: id, by: "ana"))
        var r = restarted(h)
        r.advance(10)
        r.ingest(amAlert("Down", ["service": "api", "instance": "old"]))
        r.tick()
        #expect(r.correlator.incident(id: id)?.status == .resolved)
        // A new member reopens; when it and "old" resolve, the incident resolves.
        let newcomer = amAlert("Down", ["service": "api", "instance": "new"], startsAt: r.now)
        r.ingest(newcomer)
        #expect(r.correlator.incident(id: id)?.status == .open)
        r.advance(10)
        r.ingest(amAlert("Down", ["service": "api", "instance": "new"], startsAt: newcomer.startsAt, endsAt: r.now),
                 amAlert("Down", ["service": "api", "instance": "old"], endsAt: r.now))
        #expect(r.correlator.incident(id: id)?.status == .resolved)
    }

    @Test func restoreWithTwoIncidentsOfOneGroupKeepsTheNewest() throws {
        let old = Fixtures.incident(id: "inc_old", groupKey: #"{alertname="X"}"#, openedAt: Fixtures.epoch)
        var resolvedOld = old
        resolvedOld.status = .resolved
        resolvedOld.resolvedAt = Fixtures.epoch.addingTimeInterval(10)
        let new = Fixtures.incident(id: "inc_new", groupKey: #"{alertname="X"}"#, openedAt: Fixtures.epoch.addingTimeInterval(100))
        for order in [[resolvedOld, new], [new, resolvedOld]] {
            var c = Correlator(config: Harness.config)
            c.restore(alerts: [], incidents: order)
            #expect(c.incidentsByKey.count == 1)
            #expect(c.incidentsByKey[#"{alertname="X"}"#]?.id == "inc_new")
            #expect(c.incident(id: "inc_new")?.id == "inc_new")
            // The older one is no longer tracked; it must not stand for the newer one.
            #expect(c.incident(id: "inc_old") == nil, "order \(order.map(\.id))")
            #expect(throws: CorrelationError.unknownIncident("inc_old")) {
                try c.apply(.resolve(incidentID: "inc_old", by: "ana"), now: Fixtures.epoch.addingTimeInterval(200))
            }
            #expect(c.incident(id: "inc_new")?.status == .open)
        }
    }
}
