import Foundation
import Testing
@testable import VigilDetect

@Suite("SeriesDetector known answers")
struct SeriesDetectorKnownAnswerTests {
    @Test("a spike scores high at the spike and low elsewhere")
    func spike() {
        var noise = MetricsNoise(seed: 1)
        let series = makeMetricSeries(count: 1500, step: 60) { i, _ in 100 + noise.normal() + (i == 1200 ? 12 : 0) }
        let scores = runMetricDetector(series).map(\.score)
        #expect(scores[1200] > 0.999)
        let others = scores[200..<1500].enumerated().filter { $0.offset + 200 != 1200 }.map(\.element)
        #expect(others.allSatisfy { $0 < scores[1200] })
        let loud = others.filter { $0 > 0.999 }.count
        #expect(loud <= 2, "quiet samples scored as anomalous: \(loud)")
    }

    @Test("a level shift is caught near its onset, and the evidence names the onset")
    func levelShift() {
        var noise = MetricsNoise(seed: 2)
        let series = makeMetricSeries(count: 1600, step: 60) { i, _ in 20 + noise.normal() + (i >= 1200 ? 4 : 0) }
        let verdicts = runMetricDetector(series)
        let quiet = verdicts[300..<1200].map(\.score).max() ?? 1
        let hit = verdicts[1200..<1600].firstIndex { $0.score > quiet }
        #expect(hit != nil, "nothing after the shift scores above the quiet maximum \(quiet)")
        if let hit {
            #expect(hit < 1205, "caught \(hit - 1200) samples late")
            #expect(verdicts[hit].score > 0.99)
            let onset = verdicts[hit].onset?.timeIntervalSince1970 ?? 0
            #expect(abs(onset - series[1200].time) <= 5 * 60)
            #expect(verdicts[hit].kind != .none)
        }
        // the episode goes on being reported as a level shift
        #expect(verdicts[1202..<1210].filter { $0.kind == .levelShift }.count >= 6)
    }

    @Test("a seasonal series without anomalies stays low after warm-up, inside its band")
    func seasonalQuiet() {
        var noise = MetricsNoise(seed: 3)
        // 20 days at 5 minutes: strong daily cycle
        let series = makeMetricSeries(count: 20 * 288, step: 300) { _, t in dailySine(t, amplitude: 10, mean: 50) + 0.5 * noise.normal() }
        let verdicts = runMetricDetector(series)
        let late = verdicts[(3 * 288)...]
        let loud = late.filter { $0.score > 0.999 }.count
        #expect(Double(loud) / Double(late.count) < 0.003, "\(loud) loud samples")
        let inside = late.filter { v in v.band.map { $0.contains(v.observed) } ?? false }.count
        #expect(Double(inside) / Double(late.count) > 0.97)
        let error = late.map { abs(($0.expected ?? .infinity) - $0.observed) }.reduce(0, +) / Double(late.count)
        #expect(error < 1.0, "mean error \(error) against a noise of 0.5")
    }

    @Test("a sine with a missed peak is caught")
    func missedPeak() {
        var noise = MetricsNoise(seed: 4)
        let day = 288
        let missing = (12 * day + 60)..<(12 * day + 84)  // around the peak (06:00 UTC), two hours flat
        let series = makeMetricSeries(count: 16 * day, step: 300) { i, t in
            missing.contains(i) ? 50 + 0.5 * noise.normal() : dailySine(t, amplitude: 10, mean: 50) + 0.5 * noise.normal()
        }
        let scores = runMetricDetector(series).map(\.score)
        #expect(scores[missing].max() ?? 0 > 0.999)
        // the same phase on quiet days is not flagged
        for d in 5..<12 {
            let quiet = (d * day + 60)..<(d * day + 84)
            #expect((scores[quiet].max() ?? 1) < 0.999, "day \(d)")
        }
    }

    @Test("a trend change is caught")
    func trendChange() {
        var noise = MetricsNoise(seed: 5)
        let series = makeMetricSeries(count: 1600, step: 60) { i, _ in
            30 + noise.normal() + (i >= 1200 ? Double(i - 1200) * 0.3 : 0)
        }
        let verdicts = runMetricDetector(series)
        let hit = verdicts[1200...].firstIndex { $0.score > 0.999 }
        #expect(hit != nil && hit! < 1240)
    }
}

@Suite("SeriesDetector seasonality")
struct SeriesDetectorSeasonalityTests {
    @Test("the period is found from the data: daily, weekly or none")
    func periodFound() {
        var noise = MetricsNoise(seed: 20)
        var dailyDetector = SeriesDetector()
        var weeklyDetector = SeriesDetector()
        var flatDetector = SeriesDetector()
        // 5 weeks at 30 minutes
        for i in 0..<(35 * 48) {
            let t = 1_400_000_000 + Double(i) * 1800
            let date = Date(timeIntervalSince1970: t)
            _ = dailyDetector.score(time: date, value: dailySine(t, amplitude: 8, mean: 40) + noise.normal())
            // weekdays busy, weekends quiet: a weekly shape on top of the daily one
            let weekday = Int(t / 86_400) % 7 < 5
            let weekly = dailySine(t, amplitude: weekday ? 10 : 2, mean: weekday ? 60 : 30)
            _ = weeklyDetector.score(time: date, value: weekly + noise.normal())
            _ = flatDetector.score(time: date, value: 40 + noise.normal())
        }
        #expect(dailyDetector.detectedPeriod == 86_400)
        #expect(weeklyDetector.detectedPeriod == 604_800)
        #expect(flatDetector.detectedPeriod == nil)
    }
}
