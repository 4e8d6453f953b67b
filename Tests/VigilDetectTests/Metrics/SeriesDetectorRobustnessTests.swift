import Foundation
import Testing
@testable import VigilDetect

@Suite("SeriesDetector causality, robustness and size")
struct SeriesDetectorRobustnessTests {
    @Test("scores are causal: a prefix gets identical scores")
    func causal() {
        var noise = MetricsNoise(seed: 10)
        let series = makeMetricSeries(count: 3000, step: 300) { i, t in
            dailySine(t, amplitude: 5, mean: 20) + noise.normal() + (i > 2000 ? 6 : 0) + (i == 1500 ? 15 : 0)
        }
        let full = runMetricDetector(series)
        let prefix = runMetricDetector(Array(series[..<1800]))
        #expect(prefix == Array(full[..<1800]))
        #expect(full.allSatisfy { $0.score >= 0 && $0.score <= 1 })
    }

    @Test("NaN and infinite values are ignored without poisoning the state")
    func nonFinite() {
        var noise = MetricsNoise(seed: 11)
        let clean = makeMetricSeries(count: 800, step: 60) { _, _ in 5 + noise.normal() }
        var dirty: [TimedValue] = []
        for (i, s) in clean.enumerated() {
            dirty.append(s)
            if i % 50 == 7 {
                dirty.append(TimedValue(time: s.time + 1, value: .nan))
                dirty.append(TimedValue(time: s.time + 2, value: .infinity))
                dirty.append(TimedValue(time: s.time + 3, value: -.infinity))
                dirty.append(TimedValue(time: s.time + 4, value: -.greatestFiniteMagnitude))
            }
        }
        let a = runMetricDetector(clean).map(\.score)
        let verdicts = runMetricDetector(dirty)
        #expect(verdicts.allSatisfy { $0.score.isFinite && $0.score >= 0 && $0.score <= 1 })
        let b = verdicts.filter { abs($0.observed) <= SeriesDetector.valueLimit }.map(\.score)
        #expect(a == b)
        #expect(verdicts.filter { !(abs($0.observed) <= SeriesDetector.valueLimit) }.allSatisfy { $0.score == 0 })
    }

    @Test("time that repeats, goes backwards or jumps does not crash or poison the state")
    func irregularTime() {
        var noise = MetricsNoise(seed: 12)
        var series = makeMetricSeries(count: 2000, step: 300) { _, t in dailySine(t, amplitude: 4, mean: 10) + 0.3 * noise.normal() }
        // repeat an hour (like a DST change), step back, and leave a 9-day hole
        for i in 900..<912 { series[i].time -= 3600 }
        series[1000].time = series[999].time
        series[1001].time = series[999].time - 7200
        for i in 1200..<2000 { series[i].time += 9 * 86_400 }
        // one wild timestamp thirty years ahead
        series[1300].time += 30 * 365 * 86_400
        let verdicts = runMetricDetector(series)
        #expect(verdicts.allSatisfy { $0.score.isFinite && (0...1).contains($0.score) })
        #expect(verdicts.allSatisfy { $0.expected?.isFinite ?? true })
        // after the disturbances the series is learnt again and stays quiet
        let tail = verdicts[1400...]
        #expect(tail.filter { $0.score > 0.999 }.count <= 3)
        let error = tail.map { abs(($0.expected ?? .infinity) - $0.observed) }.reduce(0, +) / Double(tail.count)
        #expect(error < 1.0)
    }

    @Test("a constant series and a lone sample do not divide by zero")
    func degenerate() {
        let flat = runMetricDetector(makeMetricSeries(count: 500, step: 60) { _, _ in 7 })
        #expect(flat.allSatisfy { $0.score == 0 || $0.score.isFinite })
        #expect(flat[400].score < 0.5)
        let changed = runMetricDetector(makeMetricSeries(count: 500, step: 60) { i, _ in i == 450 ? 8 : 7 })
        #expect(changed[450].score > 0.99)
        var d = SeriesDetector()
        let one = d.score(time: Date(timeIntervalSince1970: 0), value: 1)
        #expect(one.score == 0 && one.warmingUp)
    }

    @Test("state is a fixed-size value of at most 2 KB with no heap storage")
    func boundedState() {
        #expect(MemoryLayout<SeriesDetector>.size <= 2048)
        #expect(_isPOD(SeriesDetector.self))
        var d = SeriesDetector()
        for i in 0..<70_000 { _ = d.score(time: Date(timeIntervalSince1970: Double(i) * 60), value: Double(i % 1440)) }
        #expect(d.sampleCount == 70_000)
    }
}
