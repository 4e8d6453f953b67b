/// The recent history a `Forecaster` fits its trend on: `n` time buckets of equal width, each
/// the mean of its (deseasonalised) samples and their mean time. Older buckets are overwritten
/// in place, so the memory is fixed whatever the sampling rate.
struct TrendBuckets<let n: Int>: Sendable {
    struct Bucket: Sendable {
        /// `floor(time / width)`; -1 when empty.
        var index: Int64 = -1
        var count: UInt32 = 0
        /// Mean time of the samples, as an offset from the bucket's start.
        var offset: Float = 0
        var mean: Double = 0
    }

    /// Width of one bucket in seconds.
    let width: Double
    private var slots = InlineArray<n, Bucket>(repeating: Bucket())
    /// Index of the newest bucket written.
    private(set) var newest: Int64 = -1

    init(width: Double) {
        self.width = width
    }

    /// Adds a sample. Samples older than the buckets kept are ignored. Returns true when the
    /// sample opened a new bucket (the previous one is complete).
    @discardableResult
    mutating func add(time: Double, value: Double) -> Bool {
        let index = Int64((time / width).rounded(.down))
        guard index > newest - Int64(n) else { return false }
        let slot = Int(index % Int64(n) + Int64(n)) % n
        var bucket = slots[slot]
        if bucket.index < index {
            bucket = Bucket(index: index)
        } else if bucket.index > index {
            return false
        }
        bucket.count += 1
        let k = Double(bucket.count)
        bucket.mean += (value - bucket.mean) / k
        let offset = Float(time - Double(index) * width)
        bucket.offset += (offset - bucket.offset) / Float(k)
        slots[slot] = bucket
        let opened = index > newest
        newest = max(newest, index)
        return opened
    }

    /// The (time, mean) of every non-empty bucket still inside the window, oldest first.
    var points: [(time: Double, value: Double)] {
        var out: [(index: Int64, time: Double, value: Double)] = []
        for i in 0..<n {
            let b = slots[i]
            guard b.count > 0, b.index > newest - Int64(n) else { continue }
            out.append((b.index, Double(b.index) * width + Double(b.offset), b.mean))
        }
        return out.sorted { $0.index < $1.index }.map { ($0.time, $0.value) }
    }
}
