import Foundation
import Testing
import VigilCore
@testable import VigilDetect

@Suite("Exhaustion warnings")
struct ExhaustionWarningTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    func exhaustion(eta: Double, lower: Double, upper: Double?) -> Exhaustion {
        Exhaustion(limit: .above(100), from: Self.now, eta: eta, lower: lower, upper: upper, coverage: 0.8, rate: 3 / 3600)
    }

    @Test("a limit reached within the horizon opens a warning with the ETA in its title")
    func warns() throws {
        let e = exhaustion(eta: 19_200, lower: 14_400, upper: 25_200)
        let a = try #require(ExhaustionWarning.anomaly(subject: #"disk_used{mount="/var"}"#, service: "db", exhaustion: e,
                                                       horizon: 86_400, now: Self.now))
        #expect(a.kind == .exhaustion)
        #expect(a.source == .forecast)
        #expect(a.severity == .warning)
        #expect(a.title == #"disk_used{mount="/var"} reaches the limit in 5 h 20 m, 80% interval 4 h–7 h"#)
        #expect(a.score > 0.99)
        #expect(a.evidence.details["eta_seconds"] == "19200")
        #expect(a.asAlert(at: Self.now, holdFor: 600).labels["alertname"] == "PredictedExhaustion")
        // the id is stable for the subject, so the next forecast updates the same anomaly
        let later = ExhaustionWarning.anomaly(subject: #"disk_used{mount="/var"}"#, service: "db",
                                              exhaustion: exhaustion(eta: 18_000, lower: 15_000, upper: 21_000),
                                              horizon: 86_400, now: Self.now.addingTimeInterval(600))
        #expect(later?.id == a.id)
    }

    @Test("beyond the horizon there is no warning; close and certain is an error")
    func thresholds() {
        #expect(ExhaustionWarning.anomaly(subject: "x", service: "s", exhaustion: exhaustion(eta: 90_000, lower: 80_000, upper: 100_000),
                                          horizon: 86_400, now: Self.now) == nil)
        let soon = ExhaustionWarning.anomaly(subject: "x", service: "s", exhaustion: exhaustion(eta: 3600, lower: 3000, upper: 4000),
                                             horizon: 86_400, now: Self.now)
        #expect(soon?.severity == .error)
    }

    @Test("an ETA near the horizon with a wide interval scores about even")
    func uncertain() throws {
        let a = try #require(ExhaustionWarning.anomaly(subject: "x", service: "s",
                                                       exhaustion: exhaustion(eta: 86_000, lower: 40_000, upper: 140_000),
                                                       horizon: 86_400, now: Self.now))
        #expect(a.score > 0.45 && a.score < 0.6)
    }

    @Test("a forecaster's exhaustion feeds the warning end to end")
    func fromForecaster() throws {
        var rng = SeededRandom(seed: 21)
        let f = trainForecaster(window: 6 * 3600, count: 720, step: 60) { t in 40 + 3 * (t - 1_700_000_000) / 3600 + 0.5 * rng.normal() }
        let e = try #require(f.exhaustion(of: .above(100)))
        let a = try #require(ExhaustionWarning.anomaly(subject: "disk", service: "host", exhaustion: e, horizon: 12 * 3600,
                                                       now: Self.now))
        #expect(a.title.hasPrefix("disk reaches the limit in 8 h"))
        #expect(ExhaustionWarning.anomaly(subject: "disk", service: "host", exhaustion: e, horizon: 4 * 3600, now: Self.now) == nil)
    }
}
