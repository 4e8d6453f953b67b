import Foundation
import Testing
import VigilCore
@testable import VigilDetect

@Suite("Forecaster known answers")
struct ForecasterTests {
    static let start = 1_700_000_000.0

    @Test("a linear fill with noise gives the ETA of the line, inside its interval")
    func linearFill() throws {
        var rng = SeededRandom(seed: 7)
        // 40 % + 3 % per hour, noise 0.5; after 12 h the line is at 76 %, so 100 % is 8 h away
        let f = trainForecaster(window: 6 * 3600, count: 720, step: 60) { t in
            40 + 3 * (t - Self.start) / 3600 + 0.5 * rng.normal()
        }
        let full = try #require(f.exhaustion(of: .above(100)))
        let truth = (100 - (40 + 3 * 719.0 / 60)) / 3 * 3600  // the last sample is at 11 h 59 m
        #expect(abs(full.eta - truth) < 15 * 60, "eta \(full.eta / 3600) h, expected \(truth / 3600) h")
        #expect(full.lower <= truth)
        #expect(try #require(full.upper) >= truth)
        #expect(full.lower < full.eta && full.eta < full.upper!)
        #expect(abs(full.rate * 3600 - 3) < 0.1)
        #expect(full.summary.hasPrefix("reaches the limit in 8 h"))
        #expect(full.summary.contains("80% interval"))
    }

    @Test("a flat series has no ETA, across seeds")
    func flat() {
        var withETA = 0
        for seed in 0..<40 as Range<UInt64> {
            var rng = SeededRandom(seed: seed)
            let f = trainForecaster(window: 6 * 3600, count: 720, step: 60) { _ in 50 + 2 * rng.normal() }
            if f.exhaustion(of: .above(100)) != nil { withETA += 1 }
        }
        #expect(withETA == 0)
    }

    @Test("a falling series has no ETA towards a ceiling, but has one towards a floor")
    func falling() throws {
        var rng = SeededRandom(seed: 3)
        // free space: 500 GB falling 10 GB per hour; after 12 h at 380, zero is 38 h away
        let f = trainForecaster(window: 6 * 3600, count: 720, step: 60) { t in
            500 - 10 * (t - Self.start) / 3600 + rng.normal()
        }
        #expect(f.exhaustion(of: .above(1000)) == nil)
        let empty = try #require(f.exhaustion(of: .below(0)))
        #expect(abs(empty.eta / 3600 - 38) < 0.5)
    }

    @Test("a series past its limit is exhausted now")
    func alreadyThere() throws {
        let f = trainForecaster(window: 3600, count: 120, step: 60) { t in 95 + (t - Self.start) / 600 }
        let full = try #require(f.exhaustion(of: .above(90)))
        #expect(full.eta == 0)
        #expect(full.summary == "at the limit now")
    }

    @Test("a limit beyond the horizon is not reported")
    func beyondHorizon() {
        let f = trainForecaster(window: 3600, count: 120, step: 60) { t in 10 + (t - Self.start) / 3600 }
        #expect(f.exhaustion(of: .above(1_000), horizon: 86_400) == nil)
        #expect(f.exhaustion(of: .above(1_000), horizon: 90 * 86_400) != nil)
    }

    @Test("outliers do not move the trend")
    func outliers() throws {
        var rng = SeededRandom(seed: 11)
        let f = trainForecaster(window: 6 * 3600, count: 720, step: 60) { t in
            let i = Int((t - Self.start) / 60)
            return 40 + 3 * (t - Self.start) / 3600 + 0.5 * rng.normal() + (i % 97 == 0 ? 500 : 0)
        }
        let trend = try #require(f.trend)
        #expect(abs(trend.slope * 3600 - 3) < 0.15)
    }

    @Test("too little history gives no forecast")
    func young() {
        let f = trainForecaster(window: 6 * 3600, count: 5, step: 60) { _ in 1 }
        #expect(f.forecast(at: Date(timeIntervalSince1970: Self.start + 3600)) == nil)
        #expect(f.exhaustion(of: .above(2)) == nil)
        #expect(Forecaster().forecast(horizon: 3600, steps: 4).isEmpty)
    }

    @Test("non-finite values are ignored")
    func nonFinite() {
        var f = Forecaster(window: 3600)
        f.observe(time: Date(timeIntervalSince1970: Self.start), value: .nan)
        f.observe(time: Date(timeIntervalSince1970: Self.start), value: .infinity)
        #expect(f.sampleCount == 0)
    }

    @Test("the state is a small fixed-size value")
    func stateSize() {
        #expect(Forecaster.stateBytes <= 2_700, "\(Forecaster.stateBytes) bytes")
    }

    @Test("durations read like a person wrote them")
    func durationText() {
        #expect(DurationText.format(19_200) == "5 h 20 m")
        #expect(DurationText.format(3 * 86_400 + 4 * 3600 + 59) == "3 d 4 h")
        #expect(DurationText.format(45) == "45 s")
        #expect(DurationText.format(0) == "0 s")
        #expect(DurationText.format(7200) == "2 h")
    }
}
