import Foundation
@testable import VigilDetect

/// Deterministic normal noise for the metric detector tests.
struct MetricsNoise {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    mutating func normal() -> Double {
        (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// A timestamped value for feeding detectors.
struct TimedValue {
    var time: Double
    var value: Double
}

/// Runs a fresh detector over `samples`, returning every verdict.
func runMetricDetector(_ samples: [TimedValue]) -> [AnomalyScore] {
    var detector = SeriesDetector()
    return samples.map { detector.score(time: Date(timeIntervalSince1970: $0.time), value: $0.value) }
}

/// `count` samples `step` seconds apart starting at `start`, valued by `f(index, time)`.
func makeMetricSeries(count: Int, step: Double, start: Double = 1_400_000_000, _ f: (Int, Double) -> Double) -> [TimedValue] {
    (0..<count).map { i in
        let t = start + Double(i) * step
        return TimedValue(time: t, value: f(i, t))
    }
}

/// Daily sine of the given amplitude around `mean`.
func dailySine(_ t: Double, amplitude: Double, mean: Double) -> Double {
    mean + amplitude * sin(2 * Double.pi * t / 86_400)
}
