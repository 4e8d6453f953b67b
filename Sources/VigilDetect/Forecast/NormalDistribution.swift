import Foundation

/// The standard normal distribution: the quantiles prediction intervals are built from and
/// the probabilities confidences are read from.
enum NormalDistribution {
    /// P(Z ≤ z).
    static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The z for which P(Z ≤ z) = p (Acklam's rational approximation, relative error below 1.2e-9).
    /// `p` is clamped to (1e-300, 1 - 1e-16).
    static func quantile(_ p: Double) -> Double {
        let q = min(max(p, 1e-300), 1 - 1e-16)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        func tail(_ r: Double) -> Double {
            let s = (-2 * log(r)).squareRoot()
            let num = ((((c[0] * s + c[1]) * s + c[2]) * s + c[3]) * s + c[4]) * s + c[5]
            return num / ((((d[0] * s + d[1]) * s + d[2]) * s + d[3]) * s + 1)
        }
        if q < 0.02425 { return tail(q) }
        if q > 1 - 0.02425 { return -tail(1 - q) }
        let r = q - 0.5, s = r * r
        let num = (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r
        return num / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1)
    }

    /// The half-width, in standard deviations, of a central interval holding `coverage` of the mass
    /// (1.2816 for 0.8, 1.96 for 0.95).
    static func halfWidth(coverage: Double) -> Double {
        quantile(0.5 + min(max(coverage, 0), 0.999_999) / 2)
    }
}
