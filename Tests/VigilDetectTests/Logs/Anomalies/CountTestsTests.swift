import Foundation
import Testing
@testable import VigilDetect

@Suite struct CountTestsTests {
    /// Direct sums of the Poisson and binomial mass functions, for comparison.
    static func poissonCDF(_ k: Int, _ lambda: Double) -> Double {
        var term = exp(-lambda), sum = term
        if k == 0 { return sum }
        for i in 1...k {
            term *= lambda / Double(i)
            sum += term
        }
        return sum
    }

    static func binomialUpperSum(_ k: Int, _ n: Int, _ p: Double) -> Double {
        var sum = 0.0
        for i in k...n {
            let logC = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
            sum += exp(logC + Double(i) * log(p) + Double(n - i) * log(1 - p))
        }
        return sum
    }

    @Test(arguments: [(0, 3.0), (2, 3.0), (10, 5.0), (40, 20.0), (5, 60.0), (150, 100.0)])
    func poissonTailsMatchDirectSums(k: Int, lambda: Double) {
        let lower = CountTests.poissonLower(Double(k), mean: lambda)
        #expect(abs(lower - Self.poissonCDF(k, lambda)) <= 1e-9 + 1e-7 * lower)
        let upper = CountTests.poissonUpper(Double(k), mean: lambda)
        let direct = k == 0 ? 1 : 1 - Self.poissonCDF(k - 1, lambda)
        #expect(abs(upper - direct) <= 1e-9 + 1e-6 * direct)
    }

    @Test func poissonTailOfZeroIsExpMinusLambda() {
        #expect(abs(CountTests.poissonLower(0, mean: 20) - exp(-20)) < 1e-15)
        #expect(CountTests.poissonUpper(0, mean: 20) == 1)
        #expect(CountTests.poissonUpper(1, mean: 0) == 0)
    }

    @Test(arguments: [(3, 10, 0.5), (10, 100, 0.02), (30, 500, 0.01), (1, 5, 0.3)])
    func binomialTailMatchesDirectSum(k: Int, n: Int, p: Double) {
        let tail = CountTests.binomialUpper(Double(k), trials: Double(n), p: p)
        let direct = Self.binomialUpperSum(k, n, p)
        #expect(abs(tail - direct) <= 1e-12 + 1e-6 * direct)
    }

    @Test func scoreIsHalfAtAlphaAndGrowsWithSurprise() {
        #expect(abs(CountTests.score(pValue: 1e-6, alpha: 1e-6) - 0.5) < 1e-12)
        #expect(CountTests.score(pValue: 1e-12, alpha: 1e-6) == 1)
        #expect(CountTests.score(pValue: 1, alpha: 1e-6) == 0)
        #expect(CountTests.score(pValue: 1e-3, alpha: 1e-6) < 0.5)
    }
}
