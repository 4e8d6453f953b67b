/// A time span in a configuration file, written Go/Prometheus-style.
///
/// Accepted forms: one or more `<number><unit>` components with the units `ms`, `s`, `m`,
/// `h`, `d` (24h) and `w` (7d), e.g. `500ms`, `30s`, `5m`, `1h30m`, `2d`, `1w`, `1.5h`;
/// or a plain number of seconds (`30`). A leading `-` makes it negative (validation decides
/// whether that is allowed). `description` prints the compact form back: `1h30m`, `500ms`.
public struct ConfigDuration: Decodable, Sendable, Hashable, Comparable, CustomStringConvertible,
    LosslessStringConvertible
{
    /// The length in seconds.
    public var seconds: Double

    /// A duration of `seconds` seconds.
    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// The length as a Swift `Duration`. Infinite lengths saturate; NaN is zero.
    public var duration: Duration {
        if seconds.isFinite {
            return .seconds(seconds)
        }
        return seconds == .infinity ? .seconds(Int64.max) : (seconds == -.infinity ? .seconds(Int64.min) : .zero)
    }

    /// Parses `500ms`, `30s`, `5m`, `1h30m`, `2d`, `1w` or a plain number of seconds; `nil` if malformed.
    public init?(_ text: String) {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative {
            rest = rest.dropFirst()
        }
        guard let first = rest.first, first.isASCII, first.isNumber || first == "." else { return nil }
        if let plain = parseYAMLDouble(String(rest)), plain.isFinite {
            seconds = negative ? -plain : plain
            return
        }
        var total = 0.0
        while !rest.isEmpty {
            guard let (number, afterNumber) = leadingNumber(rest) else { return nil }
            let unit = afterNumber.prefix { $0.isASCII && $0.isLetter }
            guard let scale = Self.units.first(where: { $0.name == unit })?.seconds else { return nil }
            total += number * scale
            rest = afterNumber.dropFirst(unit.count)
        }
        guard total.isFinite else { return nil }
        seconds = negative ? -total : total
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = ConfigDuration(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "invalid duration '\(text)' (expected e.g. 500ms, 30s, 5m, 1h30m, 2d, 1w)"
                )
            }
            self = parsed
        } else if let plain = try? container.decode(Double.self), plain.isFinite {
            self.init(seconds: plain)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a duration (e.g. 500ms, 30s, 5m, 1h30m, 2d, 1w)"
            )
        }
    }

    /// The compact form: `0s`, `500ms`, `5m`, `1h30m`, `2w3d`. Lengths that are not a whole
    /// number of milliseconds print as seconds (`0.0005s`).
    public var description: String {
        let magnitude = abs(seconds)
        let sign = seconds < 0 ? "-" : ""
        let milliseconds = (magnitude * 1000).rounded()
        guard magnitude.isFinite, milliseconds < 1e15, abs(milliseconds - magnitude * 1000) < 1e-6 else {
            return "\(sign)\(magnitude)s"
        }
        var remaining = Int64(milliseconds)
        if remaining == 0 {
            return "0s"
        }
        var parts = sign
        for unit in Self.units {
            let unitMilliseconds = Int64((unit.seconds * 1000).rounded())
            let count = remaining / unitMilliseconds
            if count > 0 {
                parts += "\(count)\(unit.name)"
                remaining -= count * unitMilliseconds
            }
        }
        return parts
    }

    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool {
        lhs.seconds < rhs.seconds
    }

    /// Units from largest to smallest, as printed by `description`.
    private static let units: [(name: Substring, seconds: Double)] = [
        ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001),
    ]
}

/// A quantity of bytes in a configuration file: `1048576`, `512KiB`, `1MiB`, `10MB`, `1.5GiB`.
///
/// Units (case-insensitive): `B`, decimal `KB` `MB` `GB` `TB` (powers of 1000) and binary
/// `KiB` `MiB` `GiB` `TiB` (powers of 1024). A space between number and unit is allowed.
/// Negative sizes are rejected. `description` prints the largest unit that divides evenly.
public struct ByteSize: Decodable, Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// The number of bytes.
    public var bytes: Int

    /// A size of `bytes` bytes.
    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// Parses `1048576`, `512KiB`, `10MB`; `nil` if malformed, negative or too large for `Int`.
    public init?(_ text: String) {
        guard let (number, afterNumber) = leadingNumber(Substring(text)) else { return nil }
        let unit = afterNumber.drop { $0 == " " }.lowercased()
        guard let multiplier = Self.units.first(where: { $0.name.lowercased() == unit })?.bytes
            ?? (unit.isEmpty ? 1 : nil)
        else {
            return nil
        }
        if let whole = Int(text.prefix { $0.isASCII && $0.isNumber }), Double(whole) == number {
            let (product, overflow) = whole.multipliedReportingOverflow(by: multiplier)
            guard !overflow else { return nil }
            bytes = product
        } else {
            let product = (number * Double(multiplier)).rounded()
            guard product < 9.2e18 else { return nil }
            bytes = Int(product)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = ByteSize(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "invalid size '\(text)' (expected e.g. 1048576, 512KiB, 1MiB, 10MB)"
                )
            }
            self = parsed
        } else if let plain = try? container.decode(Int.self), plain >= 0 {
            self.init(bytes: plain)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a size in bytes (e.g. 1048576, 512KiB, 1MiB, 10MB)"
            )
        }
    }

    /// `1MiB`, `10MB`, `1500B`.
    public var description: String {
        guard bytes != 0 else { return "0B" }
        for unit in Self.units where unit.bytes > 1 && bytes % unit.bytes == 0 {
            return "\(bytes / unit.bytes)\(unit.name)"
        }
        return "\(bytes)B"
    }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool {
        lhs.bytes < rhs.bytes
    }

    /// Units tried by `description` in this order: binary before decimal, largest first.
    private static let units: [(name: String, bytes: Int)] = [
        ("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000),
        ("B", 1),
    ]
}

/// Splits a leading unsigned decimal number (`12`, `1.5`, `.5`) off `text`.
private func leadingNumber(_ text: Substring) -> (Double, Substring)? {
    let digits = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    guard digits.contains(where: \.isNumber), digits.filter({ $0 == "." }).count <= 1,
        let value = Double(digits)
    else {
        return nil
    }
    return (value, text.dropFirst(digits.count))
}
