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
    /// How much neighbouring residuals' correlation widens the standard errors:
    /// √((1+ρ)/(1−ρ)) for the lag-one autocorrelation ρ (clamped to [0, 0.95]); 1 for
    /// independent residuals. A smooth wobble around the line (an imperfect season, a slow
    /// cycle) then does not pass for a significant trend.
    var inflation: Double

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
        let signed = zip(t, y).map { $1 - a - b * $0 }
        var residuals = signed.map(abs)
        let mean = t.reduce(0, +) / Double(t.count)
        self.reference = reference
        self.level = a
        self.slope = b
        self.count = t.count
        self.meanTime = mean
        self.spread = t.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        // 1.4826 turns a median absolute deviation into a normal standard deviation; the small
        // floor keeps exact lines from claiming zero uncertainty
        let sigma = max(1.4826 * median(&residuals), 1e-9 * max(1, abs(a)))
        self.sigma = sigma
        // residuals are in time order (the caller passes points oldest first); clipped so an
        // outlier does not fake a correlation
        let clipped = signed.map { max(-3 * sigma, min(3 * sigma, $0)) }
        let energy = clipped.reduce(0) { $0 + $1 * $1 }
        let lagged = zip(clipped.dropFirst(), clipped).reduce(0) { $0 + $1.0 * $1.1 }
        let rho = energy > 0 ? max(0, min(0.95, lagged / energy)) : 0
        self.inflation = ((1 + rho) / (1 - rho)).squareRoot()
    }

    /// Value of the line at `time` (seconds since 1970).
    func value(at time: Double) -> Double {
        level + slope * (time - reference)
    }

    /// Standard error of the line's value at `time`.
    func standardError(at time: Double) -> Double {
        let d = time - reference - meanTime
        return inflation * sigma * (1 / Double(count) + (spread > 0 ? d * d / spread : 0)).squareRoot()
    }

    /// Standard error of the slope.
    var slopeError: Double {
        spread > 0 ? inflation * sigma / spread.squareRoot() : .infinity
    }

    /// True when `other` (usually a fit of the newest few points) tells the same story at its
    /// newest time: level and slope within `k` combined standard errors, both computed with the
    /// noise scale `noise` (a fit's own scale would hide the change it straddles).
    func agrees(with other: TrendFit, within k: Double, noise: Double) -> Bool {
        var a = self, b = other
        a.sigma = noise
        b.sigma = noise
        let t = other.reference
        func hypot(_ x: Double, _ y: Double) -> Double { (x * x + y * y).squareRoot() }
        return abs(a.value(at: t) - b.value(at: t)) <= k * hypot(a.standardError(at: t), b.standardError(at: t))
            && abs(a.slope - b.slope) <= k * hypot(a.slopeError, b.slopeError)
    }

    /// The noise of a sequence of values, from the median absolute change between neighbours
    /// (about its median): blind to trends and to one-off level shifts.
    static func neighbourNoise(_ values: [Double]) -> Double {
        guard values.count > 2 else { return 0 }
        var steps = zip(values.dropFirst(), values).map { $0 - $1 }
        let typical = median(&steps)
        var deviations = steps.map { abs($0 - typical) }
        return 1.4826 * median(&deviations) / 2.0.squareRoot()
    }
}

/// The median of `values` (reordered in place); NaN when empty.
func median(_ values: inout [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    values.sort()
    let m = values.count / 2
    return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
}
