/// Why a component failed: one word from the shared vocabulary
/// (`shared/scenarios/README.md`), open to names a dataset adds.
///
/// ```swift
/// let cause: CauseKind = .diskFull
/// cause.rawValue // "disk_full"
/// ```
public struct CauseKind: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
    public static func < (a: CauseKind, b: CauseKind) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let deployRegression = CauseKind("deploy_regression")
    public static let configError = CauseKind("config_error")
    public static let diskFull = CauseKind("disk_full")
    public static let memoryLeak = CauseKind("memory_leak")
    public static let cpuSaturation = CauseKind("cpu_saturation")
    public static let processCrash = CauseKind("process_crash")
    public static let connectionPoolExhausted = CauseKind("connection_pool_exhausted")
    public static let networkPartition = CauseKind("network_partition")
    public static let dnsFailure = CauseKind("dns_failure")
    public static let certificateExpired = CauseKind("certificate_expired")
    public static let dependencyOutage = CauseKind("dependency_outage")
    public static let slowQuery = CauseKind("slow_query")
    /// Extra names used by the Nezha fault-injection set.
    public static let networkDelay = CauseKind("network_delay")
    public static let codeException = CauseKind("code_exception")

    /// The twelve kinds of the shared vocabulary.
    public static let standard: [CauseKind] = [
        .deployRegression, .configError, .diskFull, .memoryLeak, .cpuSaturation, .processCrash,
        .connectionPoolExhausted, .networkPartition, .dnsFailure, .certificateExpired, .dependencyOutage, .slowQuery,
    ]
}
