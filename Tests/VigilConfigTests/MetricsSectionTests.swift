import Testing
import VigilConfig
import VigilCore

@Suite struct MetricsSectionTests {
    @Test func defaultsWatchThisHostAndKeepBoundedHistory() {
        let m = ConfigLoader.defaults().metrics
        #expect(m.host.enabled && m.host.interval.seconds == 15 && m.host.processes.isEmpty)
        #expect(m.scrape.isEmpty && m.prometheus.url == nil)
        #expect(m.retention.retention == MetricRetention())
    }

    @Test func targetsAndRetentionDecode() throws {
        let c = try ConfigLoader.parse("""
            metrics:
              host: {enabled: false, interval: 5s, processes: [postgres, nginx]}
              scrape:
                - {name: node, url: 'http://127.0.0.1:9100/metrics', interval: 30s, timeout: 5s, sample_limit: 500}
              prometheus: {url: 'http://127.0.0.1:9090'}
              retention: {raw: 6h, five_minutes: 3d, hourly: 30d}
            """, file: "v.yaml", environment: [:])
        #expect(!c.metrics.host.enabled && c.metrics.host.processes == ["postgres", "nginx"])
        #expect(c.metrics.scrape.first?.sampleLimit == 500 && c.metrics.scrape.first?.interval.seconds == 30)
        #expect(c.metrics.retention.retention == MetricRetention(raw: 6 * 3600, fiveMinutes: 3 * 86_400, hour: 30 * 86_400))
    }

    @Test func badValuesNameTheirPath() {
        let cases: [(String, String)] = [
            ("metrics:\n  host:\n    interval: 500ms\n", "metrics.host.interval"),
            ("metrics:\n  host:\n    processes: ['a-very-long-process-name']\n", "metrics.host.processes[0]"),
            ("metrics:\n  scrape:\n    - {name: a, url: 'ftp://x'}\n", "metrics.scrape[0].url"),
            ("metrics:\n  scrape:\n    - {name: a, url: 'http://x'}\n    - {name: a, url: 'http://y'}\n", "metrics.scrape[1].name"),
            ("metrics:\n  scrape:\n    - {name: a, url: 'http://x', interval: 5s, timeout: 10s}\n", "metrics.scrape[0].timeout"),
            ("metrics:\n  scrape:\n    - {name: a, url: 'http://x', sample_limit: 0}\n", "metrics.scrape[0].sample_limit"),
            ("metrics:\n  prometheus:\n    url: localhost:9090\n", "metrics.prometheus.url"),
            ("metrics:\n  retention:\n    raw: 10m\n", "metrics.retention.raw"),
            ("metrics:\n  retention:\n    five_minutes: 1h\n", "metrics.retention.five_minutes"),
            ("metrics:\n  retention:\n    hourly: 1d\n", "metrics.retention.hourly"),
            ("metrics:\n  scrapes: []\n", "scrapes"),
        ]
        expectConfigErrors(cases)
    }
}

/// Each YAML text must fail to load with an error in `v.yaml` that names its path.
func expectConfigErrors(_ cases: [(yaml: String, path: String)], sourceLocation: SourceLocation = #_sourceLocation) {
    for (yaml, path) in cases {
        do {
            _ = try ConfigLoader.parse(yaml, file: "v.yaml", environment: [:])
            Issue.record("expected an error at \(path) for:\n\(yaml)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.contains(path), "\(error.description) should name \(path)", sourceLocation: sourceLocation)
            #expect(error.file == "v.yaml", sourceLocation: sourceLocation)
        }
    }
}
