// Open-addressing map from a message shape (a 64-bit hash of its masked tokens) to a
// template slot. Clearing is O(1): entries carry the generation they were written in.

struct ShapeCache: Sendable {
    private var keys: [UInt64]
    private var slots: [Int32]
    private var stamps: [UInt32]
    private var generation: UInt32 = 1
    private let mask: Int
    private(set) var count = 0
    /// Entries kept before the cache clears itself (half the table).
    let limit: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        slots = Array(repeating: 0, count: size)
        stamps = Array(repeating: 0, count: size)
        mask = size - 1
        limit = max(1, capacity)
    }

    @inline(__always)
    func lookup(_ key: UInt64) -> Int32? {
        var i = Int(truncatingIfNeeded: key ^ (key >> 32)) & mask
        while stamps[i] == generation {
            if keys[i] == key { return slots[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func insert(_ key: UInt64, _ slot: Int32) {
        if count >= limit { clear() }
        var i = Int(truncatingIfNeeded: key ^ (key >> 32)) & mask
        while stamps[i] == generation {
            if keys[i] == key {
                slots[i] = slot
                return
            }
            i = (i + 1) & mask
        }
        keys[i] = key
        slots[i] = slot
        stamps[i] = generation
        count += 1
    }

    mutating func clear() {
        count = 0
        if generation == UInt32.max {
            for i in stamps.indices { stamps[i] = 0 }
            generation = 1
        } else {
            generation += 1
        }
    }
}
