import Foundation
import VigilCore

/// How far a series moved after an onset, against its own robust baseline before it.
struct SeriesShift: Sendable {
    /// Sustained robust z-score in the family's direction (two samples in a row), capped at 50.
    var z: Double = 0
    var onset: Date?
    var baseline: Double = 0
    var peak: Double = 0
    /// Spearman correlation of value with time up to the onset, for slow growth.
    var trend: Double = 0
    /// Scrapes missing after the onset beyond the rate before it.
    var missingExcess: Double = 0

    init(_ samples: [MetricSeries.Sample], onset t0: Date, direction: MetricFamily.Direction, trend wantTrend: Bool) {
        guard samples.count >= 3 else { return }
        let cut = t0.addingTimeInterval(-120)
        var base = samples.filter { $0.time < cut }.map(\.value)
        if base.count < 4 { base = samples.map(\.value) }
        let median = Robust.median(base)
        let mad = Robust.median(base.map { abs($0 - median) })
        let maxAbs = samples.reduce(0) { max($0, abs($1.value)) }
        let scale = max(1.4826 * mad, 0.05 * abs(median), 1e-9 + 0.01 * maxAbs)
        baseline = median
        let from = t0.addingTimeInterval(-300), to = t0.addingTimeInterval(1200), early = t0.addingTimeInterval(-900)
        func signed(_ v: Double) -> Double {
            let d = (v - median) / scale
            switch direction {
            case .up: return d
            case .down: return -d
            case .both: return abs(d)
            }
        }
        for i in samples.indices where samples[i].time >= early && samples[i].time <= to {
            let here = signed(samples[i].value)
            let sustained = i + 1 < samples.count ? min(here, signed(samples[i + 1].value)) : 0.7 * here
            if onset == nil && sustained >= 4 { onset = samples[i].time }
            if samples[i].time >= from && sustained > z {
                z = min(50, sustained)
                peak = samples[i].value
            }
        }
        if wantTrend {
            let upTo = samples.filter { $0.time <= t0 }
            let values = upTo.map(\.value)
            // growth by half or more of where it started, steadily: a leak, not a wobble
            if let lo = values.min(), let hi = values.max(), hi - lo > 0.5 * max(abs(lo), 1e-9) {
                trend = Robust.spearman(values)
            }
        }
        missingExcess = Self.missing(samples, cut: cut)
    }

    private static func missing(_ samples: [MetricSeries.Sample], cut: Date) -> Double {
        let gaps = zip(samples.dropFirst(), samples).map { $0.time.timeIntervalSince($1.time) }
        guard gaps.count >= 4 else { return 0 }
        let step = Robust.median(gaps)
        guard step > 0 else { return 0 }
        var before = 0.0, after = 0.0, beforeSpan = 0.0, afterSpan = 0.0
        for (gap, sample) in zip(gaps, samples.dropFirst()) {
            let lost = max(0, (gap / step).rounded() - 1)
            if sample.time < cut { before += lost; beforeSpan += gap } else { after += lost; afterSpan += gap }
        }
        let expected = beforeSpan > 0 ? before / beforeSpan * afterSpan : 0
        return max(0, after - expected)
    }
}

/// Robust statistics over small arrays.
enum Robust {
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// Rank correlation of values with their order (time), in [-1, 1].
    static func spearman(_ values: [Double]) -> Double {
        let n = values.count
        guard n >= 5 else { return 0 }
        let ranks = values.indices.sorted { values[$0] < values[$1] }
        var rank = [Double](repeating: 0, count: n)
        for (r, i) in ranks.enumerated() { rank[i] = Double(r) }
        let mean = Double(n - 1) / 2
        var num = 0.0, den = 0.0
        for i in 0..<n {
            num += (Double(i) - mean) * (rank[i] - mean)
            den += (Double(i) - mean) * (Double(i) - mean)
        }
        return den > 0 ? num / den : 0
    }
}
