import Foundation
import Logging
import Synchronization
import Testing
import VigilCore
@testable import VigilServer
import VigilTesting

/// A sink that keeps every batch and lets a test wait for the n-th one.
final class RecordingMetricSink: MetricSink, Sendable {
    let batches = Mutex<[[MetricSample]]>([])

    func accept(_ samples: [MetricSample]) async throws { batches.withLock { $0.append(samples) } }

    func waitFor(batches n: Int) async throws -> [[MetricSample]] {
        for _ in 0..<500 {
            let b = batches.withLock { $0 }
            if b.count >= n { return b }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("only \(batches.withLock { $0.count }) of \(n) batches arrived")
        return batches.withLock { $0 }
    }
}

/// Advances `clock` once the service loop is asleep on it, so each advance is exactly one interval.
func advanceWhenAsleep(_ clock: TestClock, by seconds: TimeInterval) async throws {
    for _ in 0..<500 where clock.sleeperCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
    clock.advance(by: seconds)
}

@Suite struct MetricServiceTests {
    @Test func scrapeServiceScrapesEachTargetOnItsIntervalAndTurnsCountersIntoRates() async throws {
        let transport = RecordingTransport()
        for value in [100, 160] {
            transport.enqueue(.success(HTTPResponseSpec(status: 200, body: Array("# TYPE c_total counter\nc_total \(value)\n".utf8))))
        }
        let clock = TestClock()
        let sink = RecordingMetricSink()
        let service = ScrapeService(targets: [.init(name: "app", url: "http://127.0.0.1:1/metrics", interval: .seconds(15),
                                                    timeout: .seconds(5))],
                                    transport: transport, sink: sink, clock: clock, logger: Logger(label: "t"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            let first = try await sink.waitFor(batches: 1)
            #expect(first[0].map(\.name).sorted() == ["scrape_duration_seconds", "up"], "no rate from one sample")
            try await advanceWhenAsleep(clock, by: 15)
            let second = try await sink.waitFor(batches: 2)
            #expect(second[1].first { $0.name == "c_total:rate" }?.value == 4)
            #expect(second[1].first { $0.name == "c_total:rate" }?.time == clock.now())
            group.cancelAll()
            try await advanceWhenAsleep(clock, by: 15) // wakes the sleeping loop, which sees the cancellation and ends
        }
        #expect(transport.requests.count >= 2)
    }

    @Test func hostCollectorServiceReadsItsProcRoot() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("net"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: root.appendingPathComponent(name))
        }
        try write("stat", "cpu  100 0 50 800 50 0 0 0 0 0\n")
        try write("loadavg", "0.50 0.40 0.30 1/100 42\n")
        try write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 250 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n")
        try write("mounts", "/dev/root / ext4 rw 0 0\nproc /proc proc rw 0 0\n")
        let clock = TestClock()
        let sink = RecordingMetricSink()
        let service = HostCollectorService(host: "h1", processes: [], interval: .seconds(10), sink: sink, clock: clock,
                                           logger: Logger(label: "t"), procRoot: root.path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            let first = try await sink.waitFor(batches: 1)
            #expect(first[0].first { $0.name == "host_memory_used_ratio" }?.value == 0.75)
            #expect(first[0].first { $0.name == "host_load1" }?.labels == ["host": "h1"])
            #expect(first[0].contains { $0.name == "host_filesystem_size_bytes" && $0.labels["mountpoint"] == "/" },
                    "statvfs of the real / for the mount listed in the fake root")
            try write("stat", "cpu  150 0 75 850 75 0 0 0 0 0\n")
            try await advanceWhenAsleep(clock, by: 10)
            let second = try await sink.waitFor(batches: 2)
            #expect(second[1].first { $0.name == "host_cpu_busy_ratio" }?.value == 0.5, "75 of 150 ticks busy")
            group.cancelAll()
            try await advanceWhenAsleep(clock, by: 10)
        }
    }
}
