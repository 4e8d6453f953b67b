import Foundation
import Testing
import VigilCore
@testable import VigilDetect

@Suite("Forecaster seasons and interval coverage")
struct ForecasterSeasonalTests {
    static let start = 1_700_000_000.0

    static func daily(_ t: Double) -> Double { 10 * sin(2 * Double.pi * t / 86_400) }

    @Test("a daily series is found seasonal and its forecast follows the season")
    func seasonal() throws {
        var rng = SeededRandom(seed: 5)
        let f = trainForecaster(window: 86_400, count: 10 * 288, step: 300) { t in 50 + Self.daily(t) + 0.5 * rng.normal() }
        #expect(f.seasonality == 86_400)
        let last = try #require(f.lastSampleTime).timeIntervalSince1970
        let errors = (1...24).map { h -> Double in
            let t = last + Double(h) * 3600
            let p = f.forecast(at: Date(timeIntervalSince1970: t))!
            return abs(p.value - (50 + Self.daily(t)))
        }
        let mean = errors.reduce(0, +) / Double(errors.count)
        #expect(mean < 1.5, "mean error \(mean) against an amplitude of 10")
        // a flat forecast would miss by about 6.4 on average
        let peak = f.forecast(at: Date(timeIntervalSince1970: (last / 86_400).rounded(.up) * 86_400 + 21_600))!
        #expect(peak.value > 57)
    }

    @Test("a seasonal series with a trend: the forecast follows both (trend window of three periods)")
    func seasonalTrend() throws {
        var rng = SeededRandom(seed: 6)
        let line = { (t: Double) in 50 + 4 * (t - Self.start) / 86_400 }
        let f = trainForecaster(window: 3 * 86_400, count: 10 * 288, step: 300) { t in line(t) + Self.daily(t) + 0.5 * rng.normal() }
        #expect(f.seasonality == 86_400)
        let last = try #require(f.lastSampleTime).timeIntervalSince1970
        let errors = stride(from: 2.0, through: 24, by: 2).map { h -> Double in
            let t = last + h * 3600
            return abs(f.forecast(at: Date(timeIntervalSince1970: t))!.value - line(t) - Self.daily(t))
        }
        #expect(errors.max()! < 3, "errors \(errors)")
        let slope = try #require(f.trend).slope * 86_400
        #expect(abs(slope - 4) < 1, "slope \(slope) per day")
    }

    @Test("a flat seasonal series has no ETA to a limit above its peaks, whatever the time of day")
    func seasonalFlatNoETA() {
        var rng = SeededRandom(seed: 9)
        var f = Forecaster()
        var etas = 0
        for i in 0..<(8 * 288) {
            let t = Self.start + Double(i) * 300
            f.observe(time: Date(timeIntervalSince1970: t), value: 50 + Self.daily(t) + 0.5 * rng.normal())
            if i > 3 * 288, i % 12 == 0, f.exhaustion(of: .above(80)) != nil { etas += 1 }
        }
        #expect(etas == 0)
    }

    @Test("a weekday/weekend series is found weekly and its forecast drops at the weekend")
    func weekly() throws {
        var rng = SeededRandom(seed: 12)
        // 1_700_000_000 is a Tuesday; Saturday and Sunday run at 30, weekdays at 50
        let weekend = { (t: Double) in
            let day = Int((t / 86_400).rounded(.down)) % 7  // 0 = Thursday 1970-01-01
            return day == 2 || day == 3
        }
        let f = trainForecaster(window: 2 * 86_400, count: 4 * 7 * 96, step: 900) { t in
            (weekend(t) ? 30 : 50) + rng.normal()
        }
        #expect(f.seasonality == 604_800)
        let last = try #require(f.lastSampleTime).timeIntervalSince1970
        var worst = 0.0
        for h in stride(from: 6.0, through: 7 * 24, by: 6) {
            let t = last + h * 3600
            let p = f.forecast(at: Date(timeIntervalSince1970: t))!
            worst = max(worst, abs(p.value - (weekend(t) ? 30 : 50)))
        }
        #expect(worst < 5, "worst error over the next week \(worst)")
    }

    @Test("white noise is not taken for a season")
    func noSeason() {
        var rng = SeededRandom(seed: 8)
        let f = trainForecaster(window: 86_400, count: 6 * 288, step: 300) { _ in 50 + rng.normal() }
        #expect(f.seasonality == nil)
    }

    @Test("80% intervals hold about 80% of outcomes over many seeded runs")
    func coverage() {
        let runs = 120
        var forecastHits = 0
        var etaHits = 0
        var etas = 0
        for seed in 0..<runs {
            var rng = SeededRandom(seed: UInt64(1000 + seed))
            let rate = Double.random(in: 1...4, using: &rng)  // % per hour
            let line = { (t: Double) in 30 + rate * (t - Self.start) / 3600 }
            let f = trainForecaster(window: 6 * 3600, count: 360, step: 120) { t in line(t) + rng.normal() }
            let last = f.lastSampleTime!.timeIntervalSince1970
            let target = last + 3600
            let actual = line(target) + rng.normal()
            let p = f.forecast(at: Date(timeIntervalSince1970: target))!
            if p.lower <= actual, actual <= p.upper { forecastHits += 1 }
            if let e = f.exhaustion(of: .above(100)) {
                etas += 1
                let truth = (100 - line(last)) / rate * 3600
                if e.lower <= truth, truth <= (e.upper ?? .infinity) { etaHits += 1 }
            }
        }
        let forecastCoverage = Double(forecastHits) / Double(runs)
        let etaCoverage = Double(etaHits) / Double(etas)
        #expect(etas == runs)
        #expect((0.7...0.9).contains(forecastCoverage), "forecast coverage \(forecastCoverage)")
        #expect((0.65...0.95).contains(etaCoverage), "ETA coverage \(etaCoverage)")
    }
}
