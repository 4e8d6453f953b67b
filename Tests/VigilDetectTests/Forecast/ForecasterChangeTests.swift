import Foundation
import Testing
import VigilCore
@testable import VigilDetect

@Suite("Forecaster after a change of course")
struct ForecasterChangeTests {
    static let start = 1_700_000_000.0

    @Test("a disk that started filling recently gets an ETA from the new slope")
    func startsFilling() throws {
        var rng = SeededRandom(seed: 31)
        // flat at 50 % for 20 h, then 5 % per hour for 4 h: at 70 %, full in 6 h
        let f = trainForecaster(window: 86_400, count: 24 * 60, step: 60) { t in
            let h = (t - Self.start) / 3600
            return 50 + max(0, h - 20) * 5 + 0.3 * rng.normal()
        }
        let full = try #require(f.exhaustion(of: .above(100)))
        #expect(abs(full.eta / 3600 - 6) < 0.5, "eta \(full.eta / 3600) h")
    }

    @Test("a clean-up that dropped the level is followed, not averaged away")
    func levelDrop() throws {
        var rng = SeededRandom(seed: 32)
        // 1 % per hour; at 20 h a clean-up drops 40 points; at 24 h the value is 40 + 24 - 40 = 24... from 60
        let f = trainForecaster(window: 86_400, count: 24 * 60, step: 60) { t in
            let h = (t - Self.start) / 3600
            return 60 + h - (h >= 20 ? 40 : 0) + 0.3 * rng.normal()
        }
        let trend = try #require(f.trend)
        #expect(abs(trend.level - 44) < 1, "level \(trend.level)")
        let full = try #require(f.exhaustion(of: .above(100)))
        #expect(abs(full.eta / 3600 - 56) < 5, "eta \(full.eta / 3600) h")
    }

    @Test("a steady series keeps the whole window (narrower interval than the recent quarter alone)")
    func steadyUsesWholeWindow() throws {
        var rng = SeededRandom(seed: 33)
        let f = trainForecaster(window: 86_400, count: 24 * 60, step: 60) { t in 20 + 2 * (t - Self.start) / 3600 + rng.normal() }
        let fit = try #require(f.currentFit)
        #expect(fit.count >= 47)
    }

    @Test("gaps and a sample going back in time do not break the forecast")
    func gapsAndDisorder() throws {
        var f = Forecaster(window: 6 * 3600)
        for i in 0..<360 where !(100..<200).contains(i) {
            f.observe(time: Date(timeIntervalSince1970: Self.start + Double(i) * 60), value: 10 + Double(i) / 60)
        }
        f.observe(time: Date(timeIntervalSince1970: Self.start), value: 1000)  // far in the past: ignored
        let trend = try #require(f.trend)
        #expect(abs(trend.slope * 3600 - 1) < 0.05)
        #expect(abs(trend.level - (10 + 359.0 / 60)) < 0.2)
    }
}
