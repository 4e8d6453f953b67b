import Foundation

/// Turns a non-negative evidence statistic into a tail probability, using a decaying
/// log-scale histogram of the statistic's own past values (fixed size, no heap).
///
/// Bins are half an octave wide and cover 2⁻⁴…2¹²; values past the largest one seen get a
/// power-law tail (p ∝ s⁻⁶) so that ever larger evidence keeps lowering the probability.
/// Probabilities above `TailCalibrator.uninteresting` are not resolved: they are reported as 1.
struct TailCalibrator: Sendable {
    static let binCount = 32
    /// Effective memory, in observations.
    static let memory: Float = 8192
    /// Tail probabilities at or above this are all reported as 1 (they carry no evidence).
    static let uninteresting: Float = 0.25

    private var counts = InlineArray<32, Float>(repeating: 0)
    /// Weight of the next observation (grows instead of decaying every bin).
    private var weight: Float = 1
    private var total: Float = 0
    /// Highest bin ever used.
    private var topBin: Int8 = -1
    /// Bins below this one hold a tail mass of at least `uninteresting` (refreshed every 64 observations).
    private var floorBin: Int8 = 0
    /// Lower edge of `floorBin`, to dismiss ordinary values without computing their bin.
    private var floorValue: Float = 0
    private var sinceRefresh: UInt8 = 0

    private var top: Int {
        get { Int(topBin) }
        set { topBin = Int8(newValue) }
    }

    /// Number of observations seen, decayed.
    var effectiveCount: Float { weight > 0 ? total / weight : 0 }

    /// Continuous bin position of `s`: two bins per octave, bin 0 starting at 2⁻⁴.
    @inline(__always)
    static func position(_ s: Double) -> Double {
        guard s > 0.0625 else { return 0 }
        guard s < 4096 else { return Double(binCount) }
        let bits = s.bitPattern
        let exponent = Double(Int((bits >> 52) & 0x7FF) - 1023)
        let m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000) - 1
        // log2(1 + m) to within 0.01
        return 2 * (exponent + m * (1.3466 - 0.3466 * m)) + 8
    }

    /// Records one value of the statistic.
    mutating func observe(_ s: Double) {
        guard s.isFinite else { return }
        let b = min(Self.binCount - 1, max(0, Int(Self.position(s))))
        counts[b] += weight
        total += weight
        if b > top { top = b }
        weight *= 1 / (1 - 1 / Self.memory)
        if weight > 1e6 {
            let k = 1 / weight
            for i in 0..<Self.binCount { counts[i] *= k }
            total *= k
            weight = 1
        }
        sinceRefresh += 1
        if sinceRefresh >= 64 {
            sinceRefresh = 0
            refreshFloor()
        }
    }

    private mutating func refreshFloor() {
        // conservative: the mass from floorBin up must exceed the threshold by a margin,
        // so that 64 more observations cannot bring it below
        let need = total * (Self.uninteresting + 0.02)
        var above: Float = 0
        var i = top
        while i > 0 {
            above += counts[i]
            if above >= need { break }
            i -= 1
        }
        floorBin = Int8(max(0, i))
        floorValue = Float(exp2(Double(max(0, i) - 8) / 2))
    }

    /// Estimated probability that the statistic is at least `s`; 1 without history or when
    /// the probability is at least `uninteresting`. (`mutating` only so that the bins are read in place.)
    @inline(__always)
    mutating func tailProbability(_ s: Double) -> Double {
        guard total > 0, !s.isNaN, s >= Double(floorValue) else { return 1 }
        let pos = Self.position(s)
        let b = Int(pos)
        if b < Int(floorBin) { return 1 }
        let limit = total * Self.uninteresting
        var above: Float = 0
        var i = top
        while i > b {
            above += counts[i]
            if above >= limit { return 1 }
            i -= 1
        }
        if b <= top {
            above += counts[b] * Float(1 - (pos - Double(b)))
        }
        // power-law tail past the largest bin seen (one bin = half an octave)
        let excess = pos - Double(top + 1)
        let prior = excess > 0 ? exp2(-3 * excess) : 1
        let p = (Double(above) + prior * Double(weight)) / Double(total + weight)
        return p >= Double(Self.uninteresting) ? 1 : p
    }
}
