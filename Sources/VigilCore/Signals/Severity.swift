/// How bad something is. Ordered: `info < warning < error < critical`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error, critical

    /// Maps the free-form `severity` label values seen in the wild onto the four levels.
    public init(label: String?) {
        switch label?.lowercased() {
        case "critical", "crit", "page", "emergency", "emerg", "fatal", "alert", "p1", "disaster": self = .critical
        case "error", "err", "high", "major", "p2": self = .error
        case "warning", "warn", "medium", "minor", "average", "p3": self = .warning
        default: self = .info
        }
    }

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        case .critical: 3
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
