import Foundation
import VigilCore

/// When the incident's symptoms began: the split of the window where error
/// lines rise most (Poisson likelihood ratio), else the latest strong burst
/// of metric changes, else the first alert.
enum OnsetEstimator {
    static func estimate(_ scenario: Scenario, scan: LogScan, graph: ServiceGraph) -> Date {
        if scan.allErrors.count >= 20, let t = fromErrors(scan.allErrors, start: scenario.start, end: scenario.end) {
            return t
        }
        if let t = fromMetrics(scenario.metrics, graph: graph) { return t }
        if let first = scenario.alerts.map(\.startsAt).filter({ $0 >= scenario.start }).min() { return first }
        return scenario.start.addingTimeInterval(scenario.end.timeIntervalSince(scenario.start) / 2)
    }

    static func fromErrors(_ times: [Date], start: Date, end: Date) -> Date? {
        let bins = max(1, Int(end.timeIntervalSince(start) / 60) + 1)
        var counts = [Double](repeating: 0, count: bins)
        for t in times { counts[min(bins - 1, max(0, Int(t.timeIntervalSince(start) / 60)))] += 1 }
        let total = counts.reduce(0, +)
        var best: (llr: Double, k: Int)?
        var before = 0.0
        for k in 1..<bins {
            before += counts[k - 1]
            guard k >= 3, bins - k >= 2 else { continue }
            let after = total - before
            let r1 = before / Double(k), r2 = after / Double(bins - k), r = total / Double(bins)
            guard r2 > r1 else { continue }
            func term(_ n: Double, _ rate: Double) -> Double { n > 0 && rate > 0 ? n * log(rate / r) : 0 }
            let llr = term(before, r1) + term(after, r2)
            if llr > (best?.llr ?? 0) { best = (llr, k) }
        }
        guard let k = best?.k else { return nil }
        return start.addingTimeInterval(Double(k) * 60)
    }

    /// The start of the latest burst of metric changes at least half as strong as the strongest.
    static func fromMetrics(_ metrics: [MetricSeries], graph: ServiceGraph) -> Date? {
        var score: [Int: Double] = [:]
        for series in metrics {
            let owners = MetricFindings.components(of: series.labels, graph: graph)
            guard let owner = owners.first, let family = MetricFamily.classify(series.name, kind: graph.kind(owner)),
                  family.symptom >= 0.3, series.samples.count >= 6 else { continue }
            let values = series.samples.map(\.value)
            let median = Robust.median(values)
            let scale = max(1.4826 * Robust.median(values.map { abs($0 - median) }), 0.05 * abs(median), 1e-9)
            var inside = false
            for (i, sample) in series.samples.enumerated() {
                let z = abs(values[i] - median) / scale
                if z >= 5 && !inside {
                    score[Int(sample.time.timeIntervalSince1970 / 60), default: 0] += min(z, 20) * family.symptom
                }
                inside = z >= 5
            }
        }
        // smooth over three minutes, then take the latest strong peak
        let minutes = score.keys.sorted()
        guard let top = minutes.map({ m in (m - 1...m + 1).reduce(0) { $0 + (score[$1] ?? 0) } }).max(), top > 0 else {
            return nil
        }
        for m in minutes.reversed() where (m - 1...m + 1).reduce(0, { $0 + (score[$1] ?? 0) }) >= 0.5 * top {
            let first = (m - 1...m + 1).first { score[$0] != nil } ?? m
            return Date(timeIntervalSince1970: Double(first) * 60)
        }
        return nil
    }
}
