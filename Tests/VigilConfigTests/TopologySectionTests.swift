import Testing
import VigilConfig
import VigilCore

@Suite struct TopologySectionTests {
    @Test func servicesHostsKindsAndDependenciesDecodeInEitherSpelling() throws {
        let c = try ConfigLoader.parse("""
            topology:
              services:
                - {name: checkout, hosts: [web-1, web-2], depends_on: [payments]}
                - {name: payments, kind: app, dependsOn: [postgres]}
                - {name: postgres, kind: db, hosts: [db-1]}
            diagnosis: {auto: false, debounce: 45s, lookback: 1h, max_series: 100}
            """, file: "v.yaml", environment: [:])
        #expect(c.topology.nodes == [
            TopologyNode(service: "checkout", kind: .app, hosts: ["web-1", "web-2"], dependsOn: ["payments"]),
            TopologyNode(service: "payments", kind: .app, hosts: [], dependsOn: ["postgres"]),
            TopologyNode(service: "postgres", kind: .db, hosts: ["db-1"], dependsOn: []),
        ])
        #expect(!c.diagnosis.auto && c.diagnosis.debounce.seconds == 45 && c.diagnosis.lookback.seconds == 3600)
        #expect(c.diagnosis.maxSeries == 100)
    }

    @Test func defaultsAnalyseAutomaticallyWithNoTopology() {
        let c = ConfigLoader.defaults()
        #expect(c.topology.nodes.isEmpty)
        #expect(c.diagnosis.auto && c.diagnosis.debounce.seconds == 30 && c.diagnosis.lookback.seconds == 1800)
    }

    @Test func mistakesNameTheirPath() {
        expectConfigErrors([
            ("topology:\n  services:\n    - {name: a, depends_on: [b]}\n", "topology.services[0].depends_on[0]"),
            ("topology:\n  services:\n    - {name: a}\n    - {name: a}\n", "topology.services[1].name"),
            ("topology:\n  services:\n    - {name: a, depends_on: [a]}\n", "topology.services[0].depends_on[0]"),
            ("topology:\n  services:\n    - {name: a, kind: mainframe}\n", "kind"),
            ("topology:\n  services:\n    - {name: a, calls: [b]}\n", "calls"),
            ("diagnosis:\n  debounce: 0s\n", "diagnosis.debounce"),
            ("diagnosis:\n  max_series: 0\n", "diagnosis.max_series"),
        ])
    }
}
