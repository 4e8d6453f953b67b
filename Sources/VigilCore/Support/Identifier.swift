import Foundation

/// Makes short, time-ordered, unique identifiers such as `inc_01JD3Q8…`:
/// a prefix, 48 bits of milliseconds and 80 random bits in Crockford base32
/// (a ULID), so IDs sort by creation time.
public struct IdentifierGenerator: Sendable {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public init() {}

    public func make(_ prefix: String, at time: Date) -> String {
        var rng = SystemRandomNumberGenerator()
        return make(prefix, at: time, using: &rng)
    }

    public func make<R: RandomNumberGenerator>(_ prefix: String, at time: Date, using rng: inout R) -> String {
        let ms = UInt64(max(0, time.timeIntervalSince1970 * 1000))
        var chars: [Character] = []
        chars.reserveCapacity(26)
        for i in (0..<10).reversed() { chars.append(Self.alphabet[Int((ms >> (UInt64(i) * 5)) & 31)]) }
        for _ in 0..<16 { chars.append(Self.alphabet[Int(rng.next() & 31)]) }
        return prefix + "_" + String(chars)
    }
}
