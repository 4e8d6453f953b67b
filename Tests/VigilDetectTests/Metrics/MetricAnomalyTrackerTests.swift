import Foundation
import Testing
import VigilCore
@testable import VigilDetect

@Suite struct MetricAnomalyTrackerTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    /// A noisy flat series (seeded), with `spikeAt` samples replaced by a far value.
    static func series(_ n: Int, spikeAt: Set<Int> = [], labels: LabelSet = ["instance": "db-1:9100", "job": "node"])
        -> [MetricSample] {
        var rng = SeededRandom(seed: 7)
        return (0..<n).map { i in
            let noise = Double(rng.next() % 1000) / 1000 - 0.5
            let v = spikeAt.contains(i) ? 400 : 50 + 4 * noise
            return MetricSample(name: "queue_depth", labels: labels, time: t0.addingTimeInterval(Double(i) * 60), value: v)
        }
    }

    @Test func steadyNoiseOpensNothing() {
        var tracker = MetricAnomalyTracker()
        let (opened, closed) = tracker.observe(Self.series(600), now: Self.t0)
        #expect(opened.isEmpty)
        #expect(closed.isEmpty)
        #expect(tracker.seriesCount == 1)
    }

    @Test func aSpikeOpensAnEpisodeWithEvidenceThatClosesWhenCalm() throws {
        var tracker = MetricAnomalyTracker()
        let samples = Self.series(400, spikeAt: [300, 301, 302])
        let (warm, _) = tracker.observe(Array(samples[..<300]), now: Self.t0)
        #expect(warm.isEmpty)
        let (opened, closedEarly) = tracker.observe(Array(samples[300..<303]), now: Self.t0.addingTimeInterval(18_000))
        #expect(closedEarly.isEmpty)
        let a = try #require(opened.first)
        #expect(opened.count == 1, "one episode, not one per sample")
        #expect(a.source == .metrics)
        #expect(a.kind == .metricOutlier)
        #expect(a.service == "node")
        #expect(a.host == "db-1:9100")
        #expect(a.subject.hasPrefix("queue_depth{"))
        #expect(a.score >= 0.9999)
        #expect(a.evidence.observed == 400)
        let upper = try #require(a.evidence.upper)
        #expect(upper < 100, "the usual band is around 50")
        #expect(tracker.openAnomalies.count == 1)
        let (_, closed) = tracker.observe(Array(samples[303...]), now: Self.t0.addingTimeInterval(24_000))
        #expect(closed.map(\.id) == [a.id])
        #expect(closed.first?.resolvedAt != nil)
        #expect(tracker.openAnomalies.isEmpty)
    }

    @Test func outOfOrderSamplesAreIgnoredAndSeriesAreBounded() {
        var config = MetricAnomalyTracker.Configuration()
        config.maxSeries = 10
        var tracker = MetricAnomalyTracker(configuration: config)
        let many = (0..<30).map { i in MetricSample(name: "m", labels: ["i": "\(i)"], time: Self.t0, value: 1) }
        _ = tracker.observe(many, now: Self.t0)
        #expect(tracker.seriesCount <= 11)
        let late = [MetricSample(name: "m", labels: ["i": "29"], time: Self.t0.addingTimeInterval(-60), value: 1e9)]
        #expect(tracker.observe(late, now: Self.t0).opened.isEmpty)
    }
}
