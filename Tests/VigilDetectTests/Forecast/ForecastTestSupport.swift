import Foundation
import VigilCore
@testable import VigilDetect

extension SeededRandom {
    /// A standard normal draw (Box–Muller).
    mutating func normal() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let v = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// Feeds `count` samples `step` seconds apart from `start` into a fresh forecaster.
func trainForecaster(window: TimeInterval, count: Int, step: Double, start: Double = 1_700_000_000,
                     _ f: (Double) -> Double) -> Forecaster {
    var forecaster = Forecaster(window: window)
    for i in 0..<count {
        let t = start + Double(i) * step
        forecaster.observe(time: Date(timeIntervalSince1970: t), value: f(t))
    }
    return forecaster
}
