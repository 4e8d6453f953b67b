/// A set of label name/value pairs, as Prometheus and Alertmanager use them.
public typealias LabelSet = [String: String]

/// An alert's identity: a 64-bit hash of its label set, compatible with
/// Alertmanager's fingerprints (FNV-1a over sorted names and values, each
/// followed by the byte 0xFF), printed as 16 hex digits.
///
/// ```swift
/// let fp = Fingerprint(labels: ["alertname": "DiskFull", "instance": "db1"])
/// print(fp) // "5f1d…"
/// ```
public struct Fingerprint: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let value: UInt64

    public init(value: UInt64) { self.value = value }

    public init(labels: LabelSet) {
        var hash: UInt64 = 14_695_981_039_346_656_037
        let prime: UInt64 = 1_099_511_628_211
        for name in labels.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* prime }
            hash = (hash ^ 0xFF) &* prime
            for byte in (labels[name] ?? "").utf8 { hash = (hash ^ UInt64(byte)) &* prime }
            hash = (hash ^ 0xFF) &* prime
        }
        self.value = hash
    }

    /// Parses 16 hex digits (as produced by `description`).
    public init?(hex: String) {
        guard hex.utf8.count == 16, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0 | 0x20) }), // no sign
              let v = UInt64(hex, radix: 16) else { return nil }
        self.value = v
    }

    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func < (a: Fingerprint, b: Fingerprint) -> Bool { a.value < b.value }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let fp = Fingerprint(hex: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a fingerprint: \(s)"))
        }
        self = fp
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
