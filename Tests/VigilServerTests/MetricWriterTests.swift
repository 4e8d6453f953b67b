import Foundation
import Logging
import Synchronization
import Testing
import VigilCore
@testable import VigilServer
import VigilTesting

/// A metric store that records appends and can be told to fail.
final class ScriptedMetricStore: MetricStore, Sendable {
    let appended = Mutex<[[MetricSample]]>([])
    let failing = Mutex(false)
    let prunes = Mutex(0)

    func appendSamples(_ samples: [MetricSample]) async throws {
        if failing.withLock({ $0 }) { throw RecordingTransport.TransportFailure() }
        appended.withLock { $0.append(samples) }
    }
    func metricRange(_ query: MetricRangeQuery) async throws -> [MetricPoint] { [] }
    func metricSeries(_ query: MetricSeriesQuery) async throws -> [MetricSeriesInfo] { [] }
    func pruneMetrics(retention: MetricRetention, now: Date) async throws -> MetricPruneResult {
        prunes.withLock { $0 += 1 }
        return MetricPruneResult()
    }
}

final class RecordingObserver: MetricObserver, Sendable {
    let seen = Mutex<[MetricSample]>([])
    func observe(_ samples: [MetricSample]) async { seen.withLock { $0 += samples } }
}

@Suite struct MetricWriterTests {
    func sample(_ v: Double) -> MetricSample { MetricSample(name: "x", time: Date(timeIntervalSince1970: 1_700_000_000 + v), value: v) }

    @Test func acceptReturnsAfterCommitAndObserversSeeTheBatch() async throws {
        let store = ScriptedMetricStore()
        let observer = RecordingObserver()
        let clock = TestClock()
        let writer = MetricWriter(store: store, clock: clock, logger: Logger(label: "t"), pruneInterval: 60, observers: [observer])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            try await writer.accept([sample(1), sample(2)])
            #expect(store.appended.withLock { $0.flatMap { $0 } }.count == 2, "stored before accept returned")
            #expect(observer.seen.withLock { $0.map(\.value) } == [1, 2])
            #expect(store.prunes.withLock { $0 } == 1, "the first batch prunes")
            try await writer.accept([sample(3)])
            #expect(store.prunes.withLock { $0 } == 1, "no prune before the interval")
            clock.advance(by: 61)
            try await writer.accept([sample(4)])
            #expect(store.prunes.withLock { $0 } == 2)

            store.failing.withLock { $0 = true }
            await #expect(throws: RecordingTransport.TransportFailure.self) { try await writer.accept([sample(5)]) }
            #expect(observer.seen.withLock { $0.count } == 4, "failed batches are not observed")
            group.cancelAll()
        }
        await #expect(throws: MetricWriterClosed.self) { try await writer.accept([sample(6)]) }
    }
}
