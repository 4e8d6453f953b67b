import Foundation
import Testing
import VigilCore
@testable import VigilDiagnose

@Suite("Reading signals: phrases, names, metric families, onsets")
struct SignalReadingTests {
    @Test("error lines: words and 5xx statuses, not any number starting with 50", arguments: [
        (#"10.0.0.1 - - [02/Mar/2025:16:05:04 +0000] "GET /x HTTP/1.1" 200 5052 "-" "curl""#, false),
        (#"10.0.0.1 - - [02/Mar/2025:16:05:04 +0000] "GET /x HTTP/1.1" 503 120 "-" "curl""#, true),
        (#"{"req":{"url":"/a"},"res":{"statusCode":502},"msg":"request completed"}"#, true),
        ("level=info msg=\"served\" status=200 duration=50ms", false),
        ("2025-04-20 09:53:08,129 ERROR [accounts.clients] database error", true),
        ("INFO request handled status=200 path=/api/v1/items", false),
    ])
    func errorLines(line: String, isError: Bool) {
        #expect(Signatures.isError(LowerText(line)) == isError)
    }

    @Test("a service is named by its name or its only host, not inside other words or URL paths")
    func mentions() {
        let graph = ServiceGraph([
            TopologyNode(service: "api", kind: .app, hosts: ["node-1"], dependsOn: ["pg-main"]),
            TopologyNode(service: "pg-main", kind: .db, hosts: ["node-2"], dependsOn: []),
            TopologyNode(service: "stripe", kind: .external, hosts: ["api.stripe.com"], dependsOn: []),
        ])
        #expect(graph.mentions(in: #"could not translate host name "pg-main.shop.internal""#, except: "api") == ["pg-main"])
        #expect(graph.mentions(in: "dial tcp 10.0.0.2:5432 via node-2: no route to host", except: "api") == ["pg-main"])
        #expect(graph.mentions(in: "POST https://api.stripe.com/v1/charges: 503", except: "api") == ["stripe"])
        #expect(graph.mentions(in: "GET /api/v1/items 504", except: "") == [])
        #expect(graph.mentions(in: "pg-main-replica lagging", except: "").isEmpty)
        #expect(graph.mentions(in: "upstream http://api:8080/health failed", except: "") == ["api"])
    }

    @Test("metric names are read by meaning, whatever the exporter", arguments: [
        ("container_cpu_usage_cores", CauseKind.cpuSaturation),
        ("CpuUsageRate(%)", .cpuSaturation),
        ("node_filesystem_avail_bytes", .diskFull),
        ("kubelet_volume_stats_available_bytes", .diskFull),
        ("process_resident_memory_bytes", .memoryLeak),
        ("hikaricp_connections_pending", .connectionPoolExhausted),
        ("kube_pod_container_status_restarts_total", .processCrash),
        ("probe_ssl_earliest_cert_expiry", .certificateExpired),
        ("coredns_dns_responses_total", .dnsFailure),
    ])
    func metricFamilies(name: String, cause: CauseKind) throws {
        let family = try #require(MetricFamily.classify(name, kind: .app))
        #expect((family.causes[cause] ?? 0) > 0)
        #expect(family.causes.max { $0.value < $1.value }?.key == cause)
    }

    @Test("limits and sizes are not signals")
    func constantsIgnored() {
        #expect(MetricFamily.classify("container_spec_memory_limit_bytes", kind: .app) == nil)
        #expect(MetricFamily.classify("node_filesystem_size_bytes", kind: .app) == nil)
    }

    @Test("the onset is where error lines rise, within a minute")
    func onsetFromErrors() throws {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var times: [Date] = []
        for s in stride(from: 0.0, to: 1200, by: 120) { times.append(start.addingTimeInterval(s)) }
        for s in stride(from: 1200.0, to: 2400, by: 5) { times.append(start.addingTimeInterval(s)) }
        let onset = try #require(OnsetEstimator.fromErrors(times, start: start, end: start.addingTimeInterval(2400)))
        #expect(abs(onset.timeIntervalSince(start) - 1200) <= 60)
    }

    @Test("a series' shift is measured against its own baseline before the onset")
    func seriesShift() {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let samples = (0..<120).map { i in
            MetricSeries.Sample(time: start.addingTimeInterval(Double(i) * 15), value: i < 80 ? 0.1 + Double(i % 3) * 0.005 : 2)
        }
        let shift = SeriesShift(samples, onset: start.addingTimeInterval(1200), direction: .up, trend: false)
        #expect(shift.z >= 20)
        #expect(shift.onset == start.addingTimeInterval(1200))
        let down = SeriesShift(samples, onset: start.addingTimeInterval(1200), direction: .down, trend: false)
        #expect(down.z < 1)
    }
}
