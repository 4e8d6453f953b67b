import Foundation
import VigilCore

/// Deterministic optimisation advice from a day of host metrics and alert history: filesystems and memory
/// running out, saturated or idle hosts, and alerts that flap or never stop firing.
///
/// ```swift
/// let advice = OptimizationAdvisor().advise(series: stats, episodes: episodes, window: 86_400)
/// advice.first?.title // "Free space on / at web-1: 93% used"
/// ```
public struct OptimizationAdvisor: Sendable {
    /// What one series did over the window.
    public struct SeriesStats: Sendable, Hashable {
        public var name: String
        public var labels: LabelSet
        public var mean: Double
        public var max: Double
        public var last: Double
        /// Seconds between the first and the last sample.
        public var span: TimeInterval

        public init(name: String, labels: LabelSet, mean: Double, max: Double, last: Double, span: TimeInterval) {
            self.name = name
            self.labels = labels
            self.mean = mean
            self.max = max
            self.last = last
            self.span = span
        }
    }

    /// One firing episode of an alert.
    public struct AlertEpisode: Sendable, Hashable {
        public var name: String
        public var startsAt: Date
        public var endsAt: Date?

        public init(name: String, startsAt: Date, endsAt: Date?) {
            self.name = name
            self.startsAt = startsAt
            self.endsAt = endsAt
        }
    }

    public struct Recommendation: Sendable, Hashable, Codable {
        public enum Priority: String, Sendable, Codable, Comparable {
            case high, medium, low
            var rank: Int { self == .high ? 0 : self == .medium ? 1 : 2 }
            public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
        }

        /// `capacity`, `memory`, `cpu`, `idle`, `alert_noise`, `alert_stuck`.
        public var kind: String
        public var priority: Priority
        /// What it is about: `web-1:/var`, an alert name.
        public var target: String
        public var title: String
        public var detail: String
    }

    /// Usage shares at or above this are worth acting on (`high` at `urgentShare`).
    public var fullShare = 0.85
    public var urgentShare = 0.95
    /// An alert with at least this many episodes whose median lasted under `flapDuration` flaps.
    public var flapEpisodes = 6
    public var flapDuration: TimeInterval = 600

    public init() {}

    public func advise(series: [SeriesStats], episodes: [AlertEpisode], window: TimeInterval, now: Date) -> [Recommendation] {
        var out: [Recommendation] = []
        for s in series { out += capacity(s) }
        out += alertNoise(episodes, window: window, now: now)
        return out.sorted { ($0.priority, $0.kind, $0.target) < ($1.priority, $1.kind, $1.target) }
    }

    private func capacity(_ s: SeriesStats) -> [Recommendation] {
        let host = s.labels["host"] ?? s.labels["instance"] ?? "this host"
        let mount = s.labels["mountpoint"] ?? s.labels["mount"] ?? "?"
        func pct(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }
        func priority(_ v: Double) -> Recommendation.Priority { v >= urgentShare ? .high : .medium }
        switch s.name {
        case "host_filesystem_used_ratio" where s.last >= fullShare:
            return [.init(kind: "capacity", priority: priority(s.last), target: "\(host):\(mount)",
                          title: "Free space on \(mount) at \(host): \(pct(s.last)) used",
                          detail: "Rotate and compress logs, prune unused images and caches, or extend the filesystem.")]
        case "host_filesystem_inodes_used_ratio" where s.last >= fullShare:
            return [.init(kind: "capacity", priority: priority(s.last), target: "\(host):\(mount)",
                          title: "Inodes on \(mount) at \(host): \(pct(s.last)) used",
                          detail: "Many small files: clean temporary and session files, or re-create the filesystem with more inodes.")]
        case "host_memory_used_ratio" where s.mean >= fullShare:
            return [.init(kind: "memory", priority: priority(s.max), target: host,
                          title: "Memory pressure on \(host): \(pct(s.mean)) used on average, peak \(pct(s.max))",
                          detail: "Find the largest processes, cap their memory, or add memory before the OOM killer acts.")]
        case "host_cpu_busy_ratio" where s.mean >= 0.8:
            return [.init(kind: "cpu", priority: priority(s.mean), target: host,
                          title: "CPU saturated on \(host): \(pct(s.mean)) busy on average",
                          detail: "Scale out the busiest service or move work to a less loaded host.")]
        case "host_cpu_busy_ratio" where s.span >= 6 * 3600 && s.mean < 0.05 && s.max < 0.2:
            return [.init(kind: "idle", priority: .low, target: host,
                          title: "\(host) is mostly idle: \(pct(s.mean)) busy on average, peak \(pct(s.max))",
                          detail: "Consolidate services onto fewer hosts or give this one less CPU.")]
        default:
            return []
        }
    }

    private func alertNoise(_ episodes: [AlertEpisode], window: TimeInterval, now: Date) -> [Recommendation] {
        var out: [Recommendation] = []
        for (name, list) in Dictionary(grouping: episodes, by: \.name) {
            let durations = list.map { ($0.endsAt ?? now).timeIntervalSince($0.startsAt) }.sorted()
            let median = durations[durations.count / 2]
            if list.count >= flapEpisodes && median < flapDuration {
                out.append(.init(kind: "alert_noise", priority: .medium, target: name,
                                 title: "\(name) fired \(list.count) times, each for about \(Int(median / 60)) min",
                                 detail: "Add a `for:` duration or hysteresis to the rule, or group these alerts."))
            } else if list.count == 1, list[0].endsAt == nil || list[0].endsAt! > now,
                      now.timeIntervalSince(list[0].startsAt) >= 0.9 * window {
                out.append(.init(kind: "alert_stuck", priority: .low, target: name,
                                 title: "\(name) has been firing for the whole window",
                                 detail: "Fix the cause, or silence it with an expiry so it stops hiding new alerts."))
            }
        }
        return out
    }
}
