import Foundation
import Testing
import VigilCore
import VigilCorrelate
import VigilTesting

@Suite struct CorrelatorGroupingTests {
    @Test func sameAlertnameAndServiceShareOneIncident() throws {
        var h = Harness()
        h.ingest(amAlert("HighLatency", ["service": "api", "instance": "api-1"]))
        h.advance(5)
        h.ingest(amAlert("HighLatency", ["service": "api", "instance": "api-2"]))
        let incident = try #require(h.incidents.first)
        #expect(h.incidents.count == 1)
        #expect(incident.alertCount == 2)
        #expect(incident.groupKey == #"{alertname="HighLatency",service="api"}"#)
        #expect(incident.groupLabels == ["alertname": "HighLatency", "service": "api"])
        #expect(incident.service == "api")
        #expect(h.correlator.members(of: incident.id).count == 2)
        for a in h.correlator.alerts.values { #expect(a.incidentID == incident.id) }
    }

    @Test func differentServiceOpensADifferentIncident() throws {
        var h = Harness()
        h.ingest(amAlert("HighLatency", ["service": "api"]), amAlert("HighLatency", ["service": "web"]))
        #expect(h.incidents.count == 2)
        #expect(Set(h.incidents.map(\.id)).count == 2)
        #expect(Set(h.incidents.map(\.service)) == ["api", "web"])
        let api = try #require(h.stored(amAlert("HighLatency", ["service": "api"])))
        let web = try #require(h.stored(amAlert("HighLatency", ["service": "web"])))
        #expect(api.incidentID != web.incidentID)
    }

    @Test func differentAlertnameOpensADifferentIncident() {
        var h = Harness()
        h.ingest(amAlert("HighLatency", ["service": "api"]), amAlert("ErrorRate", ["service": "api"]))
        #expect(h.incidents.count == 2)
    }

    @Test func labelsOutsideGroupByDoNotSplitIncidents() {
        var h = Harness()
        h.ingest(amAlert("Disk", ["service": "db", "instance": "db1", "mount": "/"]),
                 amAlert("Disk", ["service": "db", "instance": "db2", "mount": "/var"]),
                 amAlert("Disk", ["service": "db", "instance": "db3"], severity: "critical"))
        #expect(h.incidents.count == 1)
        #expect(h.incidents.first?.alertCount == 3)
    }

    @Test func groupByEllipsisGroupsByAllLabels() throws {
        var config = Harness.config
        config.groupBy = ["..."]
        var h = Harness(config)
        h.ingest(amAlert("Disk", ["service": "db", "instance": "db1"]),
                 amAlert("Disk", ["service": "db", "instance": "db2"]))
        #expect(h.incidents.count == 2)
        let one = try #require(h.correlator.incidentsByKey.values.first { $0.groupLabels["instance"] == "db1" })
        #expect(one.groupLabels == ["alertname": "Disk", "service": "db", "instance": "db1", "severity": "warning"])
        #expect(one.groupKey == #"{alertname="Disk",instance="db1",service="db",severity="warning"}"#)
        // The same full label set again joins (dedups into) the same incident.
        h.ingest(amAlert("Disk", ["service": "db", "instance": "db1"]))
        #expect(h.incidents.count == 2)
    }

    @Test func groupByAlertnameOnlyIgnoresService() {
        var config = Harness.config
        config.groupBy = ["alertname"]
        var h = Harness(config)
        h.ingest(amAlert("HighLatency", ["service": "api"]), amAlert("HighLatency", ["service": "web"]))
        #expect(h.incidents.count == 1)
        #expect(h.incidents.first?.groupKey == #"{alertname="HighLatency"}"#)
        #expect(h.incidents.first?.alertCount == 2)
    }

    @Test func alertsMissingAGroupByLabelGroupTogether() {
        var h = Harness()
        h.ingest(amAlert("Heartbeat", ["instance": "a"]), amAlert("Heartbeat", ["instance": "b"]))
        #expect(h.incidents.count == 1)
        #expect(h.incidents.first?.groupKey == #"{alertname="Heartbeat"}"#)
    }

    @Test func titleIsAlertnameOnService() throws {
        var h = Harness()
        h.ingest(amAlert("HighLatency", ["service": "api"]))
        #expect(try #require(h.incidents.first).title == "HighLatency on api")
        var h2 = Harness()
        h2.ingest(amAlert("Heartbeat", ["instance": "a"]))
        #expect(try #require(h2.incidents.first).title == "Heartbeat")
    }

    @Test func titleForAGroupWithoutAlertnameNamesTheGroup() throws {
        var config = Harness.config
        config.groupBy = ["cluster"]
        var h = Harness(config)
        h.ingest(Alert(labels: ["cluster": "eu1"], startsAt: h.now, source: "alertmanager"))
        #expect(try #require(h.incidents.first).title == #"Alert group {cluster="eu1"}"#)
    }

    @Test func severityIsTheHighestMembersAndChangesAreRecorded() throws {
        var h = Harness()
        let first = h.ingest(amAlert("Disk", ["service": "db", "instance": "1"], severity: "warning"))
        #expect(try #require(h.incidents.first).severity == .warning)
        #expect(!first.kinds.contains(.severityChanged))

        h.advance(1)
        let up = h.ingest(amAlert("Disk", ["service": "db", "instance": "2"], severity: "critical"))
        let incident = try #require(h.incidents.first)
        #expect(incident.severity == .critical)
        let event = try #require(up.timeline.first { $0.kind == .severityChanged })
        #expect(event.incidentID == incident.id)
        #expect(event.detail == "warning → critical")
        #expect(up.incidents[incident.id]?.severity == .critical)

        h.advance(1)
        let lower = h.ingest(amAlert("Disk", ["service": "db", "instance": "3"], severity: "error"))
        #expect(try #require(h.incidents.first).severity == .critical, "a lower member never lowers severity")
        #expect(!lower.kinds.contains(.severityChanged))
    }

    @Test func openingRecordsOpenedAndAlertJoined() throws {
        var h = Harness()
        let c = h.ingest(amAlert("Disk", ["service": "db"]))
        let incident = try #require(h.incidents.first)
        #expect(c.kinds == [.opened, .alertJoined])
        #expect(c.timeline.allSatisfy { $0.incidentID == incident.id && $0.time == h.now })
        #expect(incident.status == .open)
        #expect(incident.openedAt == h.now)
        #expect(incident.id.hasPrefix("inc_"))
        #expect(incident.notification.dueAt == h.now.addingTimeInterval(30))
        #expect(!incident.notification.announcedOpen)
    }
}
