/// How much harm a step can do if it is wrong. Ordered: `readOnly < reversible < destructive`.
///
/// ```swift
/// [Risk.readOnly, .destructive, .reversible].max() // .destructive
/// ```
public enum Risk: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Looks, never changes anything (inspect, status, dry runs).
    case readOnly = "read_only"
    /// Changes state in a way a rollback step or a restart undoes (restart, scale, rotate logs).
    case reversible
    /// Loses data or cannot be undone by Vigil (delete, prune, revert a deploy without a way back).
    case destructive

    private var rank: Int {
        switch self {
        case .readOnly: 0
        case .reversible: 1
        case .destructive: 2
        }
    }

    public static func < (a: Risk, b: Risk) -> Bool { a.rank < b.rank }

    public var description: String { rawValue }
}
