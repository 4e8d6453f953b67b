import Foundation
import VigilCore

/// The one default configuration of the log anomaly detector. Every
/// threshold is a probability or a count, not a per-dataset multiplier.
public struct LogAnomalyConfiguration: Sendable, Hashable, Codable {
    /// A service's first period: its templates are learned, not reported as new.
    public var learningPeriod: TimeInterval = 3600
    /// Minutes in the window compared against the baseline.
    public var windowMinutes: Int = 5
    /// Tail probability below which a count is anomalous (per test, per window).
    public var alpha: Double = 1e-6
    /// Tail probability above which an open anomaly closes (hysteresis).
    public var closeAlpha: Double = 1e-3
    /// Minutes of history a series needs before its rate is tested.
    public var minBaselineMinutes: Int = 30
    /// Fewest lines in the window for a spike; fewest expected lines for a drop.
    public var minSpikeLines: Double = 20
    public var minDropExpected: Double = 20
    /// Fewest error lines in the window, and the least rise in the error share, for an error-ratio anomaly.
    public var minErrorLines: Double = 10
    public var minErrorRatioRise: Double = 0.05
    /// Beats a template needs before its silence counts, and the most lines per beat a heartbeat has.
    public var heartbeatMinBeats: Int = 8
    public var heartbeatMaxLinesPerBeat: Double = 5
    /// New templates scoring below this are kept as templates but not reported.
    public var newTemplateMinScore: Double = 0.5
    /// How long a new-template anomaly stays open.
    public var newTemplateHold: TimeInterval = 900
    /// Most template×service series tracked; the least recently active go first.
    public var maxSeries: Int = 50_000
    /// Series idle this long are forgotten.
    public var idleExpiry: TimeInterval = 7 * 86_400

    public init() {}

    public static let `default` = LogAnomalyConfiguration()
}

/// How alarming a never-seen template is, from its level and its words.
public enum NewTemplateScore {
    /// Words that mark a line as a failure whatever level it was logged at.
    static let errorWords: [String] = [
        "error", "fail", "exception", "fatal", "panic", "refused", "denied", "timeout", "timed out",
        "unreachable", "killed", "oom", "out of memory", "segfault", "corrupt", "abort", "crash", "traceback",
        "unavailable", "cannot", "can't", "could not", "unable",
    ]

    /// Whether the text carries a failure word (case-insensitive).
    public static func hasErrorWords(_ text: String) -> Bool {
        let lower = text.lowercased()
        return errorWords.contains { lower.contains($0) }
    }

    /// The score in [0, 1]: the level sets the base, failure words raise it.
    public static func score(level: String?, template: String) -> Double {
        let base: Double = switch level {
        case "critical": 0.95
        case "error": 0.85
        case "warning": 0.6
        default: 0.3
        }
        return hasErrorWords(template) ? max(base, 0.7) + 0.05 : base
    }

    /// The severity an anomaly about such a template carries.
    public static func severity(level: String?, template: String) -> Severity {
        switch level {
        case "critical", "error": .error
        case "warning": .warning
        default: hasErrorWords(template) ? .warning : .info
        }
    }
}
