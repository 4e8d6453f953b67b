/// The typical forward step between a series' samples: a robust EW mean in which one step
/// counts for at most four typical ones, so gaps do not inflate it.
struct StepEstimate: Sendable {
    /// Seconds (60 until a step is seen).
    private(set) var seconds = 60.0
    /// Steps seen so far.
    private(set) var count = 0

    mutating func observe(elapsed: Double) {
        guard elapsed > 0 else { return }
        if count == 0 { seconds = elapsed }
        count += 1
        seconds += (min(elapsed, 4 * seconds) - seconds) / Double(min(count, 64))
    }
}

/// EW mean absolute one-step error of several competing predictors, with the rule that
/// picks one: the current choice stays until another has learnt from 32 errors and is 10%
/// better. Errors are clipped at five scales once a scale has seen eight.
struct ErrorScales<let n: Int>: Sendable {
    private(set) var mad = InlineArray<n, Double>(repeating: 0)
    private var counts = InlineArray<n, UInt16>(repeating: 0)

    /// Number of errors predictor `m` has learnt from (saturates).
    func count(_ m: Int) -> UInt16 { counts[m] }

    /// Learns the absolute error `e` of predictor `m`, averaging over about `memory` errors.
    mutating func observe(_ m: Int, error e: Double, memory: Double) {
        let k = counts[m]
        let c = k > 8 ? min(e, 5 * mad[m]) : e
        if k < UInt16.max { counts[m] = k + 1 }
        mad[m] += max(1 / memory, 1 / (Double(k) + 1)) * (c - mad[m])
    }

    /// The predictor to use next, starting from `current`, among those `ready` says are.
    func best(from current: Int, ready: (Int) -> Bool) -> Int {
        var best = current
        for m in 0..<n where ready(m) && counts[m] >= 32 && mad[m] < 0.9 * mad[best] { best = m }
        return best
    }
}
