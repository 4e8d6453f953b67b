import Foundation

/// A robust straight line through a handful of points: the Theil–Sen slope (median of the
/// pairwise slopes), the intercept as the median of `y - slope·t`, and a residual scale from
/// the median absolute residual. Uncertainty follows the least-squares formulas with that robust
/// scale, so one outlier bends neither the line nor its interval.
///
/// Times are seconds relative to `reference` (the newest sample), so large epoch values lose
/// no precision.
struct TrendFit: Sendable, Hashable {
    /// Time the intercept refers to (seconds since 1970).
    var reference: Double
    /// Value of the line at `reference`.
    var level: Double
    /// Units per second.
    var slope: Double
    /// Number of points fitted.
    var count: Int
    /// Mean of the fitted times, relative to `reference` (≤ 0).
    var meanTime: Double
    /// Σ (tᵢ - t̄)².
    var spread: Double
    /// Robust standard deviation of the points around the line.
    var sigma: Double

    /// Fits `points` (time in seconds since 1970, value); `nil` with fewer than three points or
    /// when all times are equal.
    init?(points: [(time: Double, value: Double)]) {
        guard points.count >= 3, let reference = points.map(\.time).max() else { return nil }
        let t = points.map { $0.time - reference }
        let y = points.map(\.value)
        var slopes: [Double] = []
        slopes.reserveCapacity(t.count * (t.count - 1) / 2)
        for i in 0..<t.count {
            for j in (i + 1)..<t.count where t[j] != t[i] {
                slopes.append((y[j] - y[i]) / (t[j] - t[i]))
            }
        }
        guard !slopes.isEmpty else { return nil }
        let b = median(&slopes)
        var intercepts = zip(t, y).map { $1 - b * $0 }
        let a = median(&intercepts)
        var residuals = zip(t, y).map { abs($1 - a - b * $0) }
        let mean = t.reduce(0, +) / Double(t.count)
        self.reference = reference
        self.level = a
        self.slope = b
        self.count = t.count
        self.meanTime = mean
        self.spread = t.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        // 1.4826 turns a median absolute deviation into a normal standard deviation; the small
        // floor keeps exact lines from claiming zero uncertainty
        self.sigma = max(1.4826 * median(&residuals), 1e-9 * max(1, abs(a)))
    }

    /// Value of the line at `time` (seconds since 1970).
    func value(at time: Double) -> Double {
        level + slope * (time - reference)
    }

    /// Standard error of the line's value at `time`.
    func standardError(at time: Double) -> Double {
        let d = time - reference - meanTime
        return sigma * (1 / Double(count) + (spread > 0 ? d * d / spread : 0)).squareRoot()
    }

    /// Standard error of the slope.
    var slopeError: Double {
        spread > 0 ? sigma / spread.squareRoot() : .infinity
    }
}

/// The median of `values` (reordered in place); NaN when empty.
func median(_ values: inout [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    values.sort()
    let m = values.count / 2
    return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
}
