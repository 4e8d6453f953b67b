/// Jiffies a CPU (or all CPUs, `cpu`) spent in each mode since boot, from a `cpu` line of /proc/stat.
public struct CPUTimes: Sendable, Hashable {
    public static let modes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]
    /// Indexed like `modes`. Guest time is already counted in user/nice, so it is not added again.
    public var ticks: [Double]

    public init(ticks: [Double]) { self.ticks = ticks }

    public var total: Double { ticks.reduce(0, +) }

    /// Share of each mode over the interval from `earlier` to `self`, plus `busy` (all but idle and iowait).
    /// Empty when no time passed or a counter went backwards.
    public func ratios(since earlier: CPUTimes) -> [String: Double] {
        let deltas = zip(ticks, earlier.ticks).map { $0 - $1 }
        let total = deltas.reduce(0, +)
        guard total > 0, deltas.allSatisfy({ $0 >= 0 }) else { return [:] }
        var out: [String: Double] = [:]
        for (mode, d) in zip(Self.modes, deltas) { out[mode] = d / total }
        out["busy"] = 1 - (deltas[3] + deltas[4]) / total
        return out
    }
}

/// The parts of /proc/stat the collector uses.
public struct ProcStat: Sendable, Hashable {
    /// All CPUs together.
    public var total: CPUTimes
    /// Per CPU, by its number.
    public var cpus: [Int: CPUTimes]
    public var contextSwitches: Double?
    public var processesCreated: Double?
    public var running: Double?
    public var blocked: Double?

    public static func parse(_ text: String) throws(ProcParseError) -> ProcStat {
        var total: CPUTimes?
        var cpus: [Int: CPUTimes] = [:]
        var counters: [String: Double] = [:]
        for (line, fields) in ProcText.rows(text) {
            let key = fields[0]
            if key.hasPrefix("cpu") {
                guard fields.count >= 5 else {
                    throw ProcParseError(file: "/proc/stat", line: line, message: "'\(key)' has \(fields.count - 1) fields, at least 4 expected")
                }
                var ticks: [Double] = []
                for i in 1...min(8, fields.count - 1) {
                    ticks.append(try ProcText.number(fields, i, file: "/proc/stat", line: line, what: CPUTimes.modes[i - 1]))
                }
                while ticks.count < 8 { ticks.append(0) }
                if key == "cpu" {
                    total = CPUTimes(ticks: ticks)
                } else if let n = Int(key.dropFirst(3)) {
                    cpus[n] = CPUTimes(ticks: ticks)
                }
            } else if ["ctxt", "processes", "procs_running", "procs_blocked"].contains(key), fields.count >= 2 {
                counters[String(key)] = try ProcText.number(fields, 1, file: "/proc/stat", line: line, what: String(key))
            }
        }
        guard let total else { throw ProcParseError(file: "/proc/stat", line: 1, message: "no 'cpu' line") }
        return ProcStat(total: total, cpus: cpus, contextSwitches: counters["ctxt"], processesCreated: counters["processes"],
                        running: counters["procs_running"], blocked: counters["procs_blocked"])
    }
}
