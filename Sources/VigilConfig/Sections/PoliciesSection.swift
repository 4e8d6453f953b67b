import Foundation
import VigilCore
import VigilRemediate

/// One entry of `policies:` — when a plan may run without a person (issue 6, self-healing).
///
/// ```yaml
/// policies:
///   - name: night-restarts
///     max_risk: reversible
///     min_confidence: 0.8
///     cooldown: 15m
///     max_runs_per_host_per_hour: 3
///     max_blast_radius: 1
///     windows: ["mon-fri 22:00-06:00 +03:00", "sat,sun 00:00-24:00"]
///     causes: [process_crash, memory_leak]
///     runbooks: [restart-crashed-service]
/// ```
public struct PolicySection: Decodable, Sendable, Hashable {
    public var policy: Policy

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, maxRisk = "max_risk", minConfidence = "min_confidence", cooldown
        case maxRunsPerHostPerHour = "max_runs_per_host_per_hour", maxBlastRadius = "max_blast_radius", windows, causes, runbooks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func fail(_ key: CodingKeys, _ message: String) -> DecodingError { invalidValue(decoder, key, message) }
        let defaults = Policy(name: "")
        var p = Policy(name: try c.decode(String.self, forKey: .name))
        p.maxRisk = try c.decodeIfPresent(Risk.self, forKey: .maxRisk) ?? defaults.maxRisk
        p.minConfidence = try c.decodeIfPresent(Double.self, forKey: .minConfidence) ?? defaults.minConfidence
        guard (0...1).contains(p.minConfidence) else { throw fail(.minConfidence, "must be between 0 and 1") }
        p.cooldown = try c.decodeIfPresent(ConfigDuration.self, forKey: .cooldown)?.seconds ?? defaults.cooldown
        guard p.cooldown >= 0 else { throw fail(.cooldown, "must not be negative") }
        p.maxRunsPerHostPerHour = try c.decodeIfPresent(Int.self, forKey: .maxRunsPerHostPerHour) ?? defaults.maxRunsPerHostPerHour
        guard p.maxRunsPerHostPerHour >= 1 else { throw fail(.maxRunsPerHostPerHour, "must be at least 1") }
        p.maxBlastRadius = try c.decodeIfPresent(Int.self, forKey: .maxBlastRadius) ?? defaults.maxBlastRadius
        guard p.maxBlastRadius >= 1 else { throw fail(.maxBlastRadius, "must be at least 1") }
        for text in try c.decodeIfPresent([String].self, forKey: .windows) ?? [] {
            guard let window = TimeWindow(parsing: text) else {
                throw fail(.windows, "invalid window '\(text)' (expected e.g. 'mon-fri 09:00-18:00 +03:00')")
            }
            p.windows.append(window)
        }
        p.causes = (try c.decodeIfPresent([String].self, forKey: .causes) ?? []).map(CauseKind.init(rawValue:))
        p.runbooks = try c.decodeIfPresent([String].self, forKey: .runbooks) ?? []
        policy = p
    }
}

extension TimeWindow {
    private static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Parses `[days] HH:MM-HH:MM [±HH:MM]`: days as `mon-fri`, `sat,sun` or `*` (every day,
    /// also when left out); `24:00` ends at midnight; the offset defaults to UTC.
    public init?(parsing text: String) {
        var words = text.lowercased().split(separator: " ").map(String.init)
        var days: Set<Int> = []
        if let first = words.first, first.first?.isLetter == true || first == "*" {
            words.removeFirst()
            if first != "*" {
                for part in first.split(separator: ",") {
                    let ends = part.split(separator: "-").compactMap { Self.dayNames.firstIndex(of: String($0)).map { $0 + 1 } }
                    guard ends.count == part.split(separator: "-").count, (1...2).contains(ends.count) else { return nil }
                    var d = ends[0]
                    while true {
                        days.insert(d)
                        if d == ends[ends.count - 1] { break }
                        d = d % 7 + 1
                    }
                }
            }
        }
        guard (1...2).contains(words.count) else { return nil }
        let range = words[0].split(separator: "-")
        guard range.count == 2, let start = Self.minutes(range[0]), let end = Self.minutes(range[1]) else { return nil }
        var offset = 0
        if words.count == 2 {
            let w = words[1]
            guard let sign = w.first, sign == "+" || sign == "-", let m = Self.minutes(w.dropFirst()) else { return nil }
            offset = (sign == "-" ? -60 : 60) * m
        }
        self.init(days: days, start: start, end: end == 24 * 60 ? 0 : end, utcOffset: offset)
    }

    private static func minutes<S: StringProtocol>(_ text: S) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m),
              h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }
}
