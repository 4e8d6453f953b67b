import Foundation

/// Tail probabilities of the count distributions the log detectors test
/// against: Poisson for "how many lines of this template" and binomial for
/// "how many of these lines were errors". Computed through the regularised
/// incomplete gamma and beta functions, so non-integer (overdispersion-scaled)
/// counts work too.
public enum CountTests {
    /// P(X ≥ k) for X ~ Poisson(λ). `k ≤ 0` gives 1.
    public static func poissonUpper(_ k: Double, mean lambda: Double) -> Double {
        guard k > 0 else { return 1 }
        guard lambda > 0 else { return 0 }
        return regularizedGammaP(k, lambda)
    }

    /// P(X ≤ k) for X ~ Poisson(λ).
    public static func poissonLower(_ k: Double, mean lambda: Double) -> Double {
        guard k >= 0 else { return 0 }
        guard lambda > 0 else { return 1 }
        return 1 - regularizedGammaP(k + 1, lambda)
    }

    /// P(X ≥ k) for X ~ Binomial(n, p).
    public static func binomialUpper(_ k: Double, trials n: Double, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        guard p > 0 else { return 0 }
        guard p < 1 else { return 1 }
        return regularizedBeta(p, k, n - k + 1)
    }

    /// Maps a tail probability onto [0, 1]: 0.5 at `alpha`, 1 at `alpha²`.
    public static func score(pValue: Double, alpha: Double) -> Double {
        guard pValue < 1 else { return 0 }
        let surprise = -log10(max(pValue, 1e-300))
        return min(1, max(0, surprise / (2 * -log10(alpha))))
    }

    /// P(a, x), the regularised lower incomplete gamma function.
    static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        let logPrefix: Double = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // Series: sum x^n / (a (a+1) … (a+n)).
            var term = 1 / a, sum = term, ap = a
            for _ in 0..<10_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return min(1, sum * exp(logPrefix))
        }
        // Continued fraction for Q(a, x) (modified Lentz).
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return max(0, 1 - exp(logPrefix) * h)
    }

    /// I_x(a, b), the regularised incomplete beta function.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logGammas + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaFraction(x, a, b) / a
        }
        return 1 - exp(logFront) * betaFraction(1 - x, b, a) / b
    }

    private static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
