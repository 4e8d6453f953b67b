import Foundation
import Logging
import Testing
import VigilCore
import VigilIngest
@testable import VigilServer
import VigilTesting

@Suite struct MetricSourceTests {
    static let exposition = """
        # TYPE reqs_total counter
        reqs_total{code="200"} 100
        # TYPE temp gauge
        temp 20
        """

    @Test func scraperReportsUpRatesAndDown() async throws {
        let transport = RecordingTransport()
        let clock = TestClock()
        let scraper = Scraper(name: "node", url: "http://127.0.0.1:9100/metrics", timeout: .seconds(5), sampleLimit: 2,
                              transport: transport)
        var rates = CounterRates()
        transport.enqueue(.success(HTTPResponseSpec(status: 200, headers: ["Content-Type": "text/plain; version=0.0.4"],
                                                    body: Array(Self.exposition.utf8))))
        let first = await scraper.scrape(at: clock.now(), rates: &rates, clock: clock)
        #expect(first.error == nil)
        #expect(Set(first.samples.map(\.name)) == ["temp", "up", "scrape_duration_seconds"])
        #expect(first.samples.allSatisfy { $0.labels["job"] == "node" && $0.labels["instance"] == "127.0.0.1:9100" })
        #expect(transport.requests.first?.headers.contains { $0.0 == "Accept" && $0.1.contains("openmetrics") } == true)
        #expect(transport.requests.first?.method == "GET")

        transport.enqueue(.success(HTTPResponseSpec(status: 200, headers: ["content-type": "text/plain"],
                                                    body: Array(Self.exposition.replacingOccurrences(of: "100", with: "130").utf8))))
        let second = await scraper.scrape(at: clock.now().addingTimeInterval(15), rates: &rates, clock: clock)
        #expect(second.samples.first { $0.name == "reqs_total:rate" }?.value == 2)

        transport.enqueue(.success(HTTPResponseSpec(status: 200, body: Array("up{ 1\n".utf8))))
        let garbled = await scraper.scrape(at: clock.now().addingTimeInterval(30), rates: &rates, clock: clock)
        #expect(garbled.error?.contains("line 1") == true, "\(garbled.error ?? "nil")")
        #expect(garbled.samples.first { $0.name == "up" }?.value == 0)

        transport.enqueue(.success(HTTPResponseSpec(status: 200, body: Array("a 1\nb 2\nc 3\n".utf8))))
        let flood = await scraper.scrape(at: clock.now().addingTimeInterval(40), rates: &rates, clock: clock)
        #expect(flood.error == "3 samples exceed the sample limit of 2")
        #expect(flood.samples.map(\.name).sorted() == ["scrape_duration_seconds", "up"])

        transport.enqueue(.success(HTTPResponseSpec(status: 503)))
        let down = await scraper.scrape(at: clock.now().addingTimeInterval(45), rates: &rates, clock: clock)
        #expect(down.error == "HTTP 503")
        transport.enqueue(.failure(.init()))
        let refused = await scraper.scrape(at: clock.now().addingTimeInterval(60), rates: &rates, clock: clock)
        #expect(refused.samples.map(\.name).sorted() == ["scrape_duration_seconds", "up"])
    }

    @Test func procReaderReadsThisMachine() throws {
        let snapshot = ProcReader().snapshot(at: Date())
        #expect(snapshot.stat?.hasPrefix("cpu") == true)
        #expect(snapshot.meminfo?.contains("MemTotal") == true)
        #expect(snapshot.filesystems.contains { $0.mount.mountPoint == "/" && $0.stats.blocks > 0 } || snapshot.filesystems.isEmpty == false)
        let me = ProcReader(processes: [try ProcessStat.parse(stat: String(contentsOfFile: "/proc/self/stat", encoding: .utf8)).name])
            .snapshot(at: Date())
        #expect(!me.processes.isEmpty, "finds its own process by name")
        var collector = HostCollector(host: "h")
        let (samples, errors) = collector.collect(snapshot)
        #expect(errors.isEmpty, "\(errors)")
        #expect(samples.contains { $0.name == "host_memory_total_bytes" && $0.value > 0 })
    }

    @Test func prometheusClientPostsFormsAndDecodes() async throws {
        let transport = RecordingTransport()
        let client = PrometheusClient(baseURL: "http://127.0.0.1:9090/", transport: transport)
        transport.enqueue(.success(HTTPResponseSpec(status: 200, body: Array(
            #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"a"},"value":[10,"1"]}]}}"#.utf8))))
        let up = try await client.query("up{job=\"a\"} == 1", at: Date(timeIntervalSince1970: 10))
        #expect(up.series.first?.labels == ["job": "a"])
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://127.0.0.1:9090/api/v1/query")
        #expect(String(decoding: request.body, as: UTF8.self) == "query=up%7Bjob%3D%22a%22%7D%20%3D%3D%201&time=10.000")

        transport.enqueue(.success(HTTPResponseSpec(status: 400, body: Array(
            #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\""}"#.utf8))))
        await #expect(throws: PromQLError(type: "bad_data", message: "invalid parameter \"query\"", httpStatus: 400)) {
            _ = try await client.queryRange("rate(", start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 60), step: 15)
        }
        #expect(transport.requests.last.map { String(decoding: $0.body, as: UTF8.self) } == "query=rate%28&start=0.000&end=60.000&step=15.000")
    }
}
