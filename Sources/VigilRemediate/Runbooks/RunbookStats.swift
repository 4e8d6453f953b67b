import VigilCore

/// How often each runbook worked, per signature (`<cause>/<component>`), for plan confidence.
///
/// The success rate is Laplace-smoothed: `(successes + 1) / (attempts + 2)`, so an untried
/// runbook counts as a coin flip and one success does not make it certain. When a signature has
/// no attempts, the runbook's attempts over all signatures are used.
///
/// ```swift
/// var stats = RunbookStats()
/// stats.record(runbook: "restart-service", signature: "process_crash/api", succeeded: true)
/// stats.successRate(runbook: "restart-service", signature: "process_crash/api") // 2/3
/// ```
public struct RunbookStats: Sendable, Hashable {
    public struct Tally: Sendable, Hashable {
        public var successes: Int
        public var attempts: Int
        public init(successes: Int = 0, attempts: Int = 0) {
            self.successes = successes
            self.attempts = attempts
        }
        var smoothed: Double { Double(successes + 1) / Double(attempts + 2) }
    }

    struct Key: Hashable, Sendable {
        var runbook: String
        var signature: String
    }

    private var tallies: [Key: Tally] = [:]

    public init() {}

    public static func signature(cause: CauseKind, component: String) -> String { "\(cause.rawValue)/\(component)" }

    public mutating func record(runbook: String, signature: String, succeeded: Bool) {
        tallies[Key(runbook: runbook, signature: signature), default: Tally()].attempts += 1
        if succeeded { tallies[Key(runbook: runbook, signature: signature), default: Tally()].successes += 1 }
    }

    /// Sets a tally outright (when loading from the store).
    public mutating func set(runbook: String, signature: String, _ tally: Tally) {
        tallies[Key(runbook: runbook, signature: signature)] = tally
    }

    public func tally(runbook: String, signature: String) -> Tally {
        tallies[Key(runbook: runbook, signature: signature)] ?? Tally()
    }

    /// The smoothed success rate in (0, 1).
    public func successRate(runbook: String, signature: String) -> Double {
        let own = tally(runbook: runbook, signature: signature)
        if own.attempts > 0 { return own.smoothed }
        var all = Tally()
        for (key, t) in tallies where key.runbook == runbook {
            all.successes += t.successes
            all.attempts += t.attempts
        }
        return all.smoothed
    }
}
