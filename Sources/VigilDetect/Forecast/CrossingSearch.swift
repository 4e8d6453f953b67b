/// Finds the first time a condition on a forecast becomes true: a scan in fixed steps over the
/// horizon (fine enough to see a daily season), then bisection to a second.
struct CrossingSearch {
    var start: Double
    var horizon: Double
    /// Period of the season in use, if any: the scan step is then at most a 96th of it.
    var seasonal: Double?

    /// Seconds after `start` at which `holds` first becomes true, or `nil` within the horizon.
    func first(where holds: (Double) -> Bool) -> Double? {
        if holds(start) { return 0 }
        var step = horizon / 4096
        if let seasonal { step = min(step, seasonal / 96) }
        guard step > 0 else { return nil }
        var previous = 0.0
        var h = step
        while previous < horizon {
            h = min(h, horizon)
            if holds(start + h) {
                var lo = previous, hi = h
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if holds(start + mid) { hi = mid } else { lo = mid }
                }
                return hi
            }
            previous = h
            h += step
        }
        return nil
    }
}
