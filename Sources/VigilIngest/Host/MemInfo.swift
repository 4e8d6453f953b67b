/// /proc/meminfo, in bytes.
public struct MemInfo: Sendable, Hashable {
    /// Every field, converted from kB to bytes (fields without a unit, like `HugePages_Total`, as they are).
    public var fields: [String: Double]

    public static func parse(_ text: String) throws(ProcParseError) -> MemInfo {
        var fields: [String: Double] = [:]
        for (line, f) in ProcText.rows(text) {
            guard f[0].hasSuffix(":"), f.count >= 2 else {
                throw ProcParseError(file: "/proc/meminfo", line: line, message: "expected 'Name: value [kB]'")
            }
            let v = try ProcText.number(f, 1, file: "/proc/meminfo", line: line, what: String(f[0].dropLast()))
            fields[String(f[0].dropLast())] = f.count >= 3 && f[2] == "kB" ? v * 1024 : v
        }
        guard fields["MemTotal"] != nil else { throw ProcParseError(file: "/proc/meminfo", line: 1, message: "no MemTotal") }
        return MemInfo(fields: fields)
    }

    public var total: Double { fields["MemTotal"] ?? 0 }
    /// `MemAvailable`, or free + buffers + cached on kernels before 3.14.
    public var available: Double {
        fields["MemAvailable"] ?? ((fields["MemFree"] ?? 0) + (fields["Buffers"] ?? 0) + (fields["Cached"] ?? 0))
    }
    public var swapTotal: Double { fields["SwapTotal"] ?? 0 }
    public var swapFree: Double { fields["SwapFree"] ?? 0 }
    /// Share of memory in use (not available), in [0, 1].
    public var usedRatio: Double { total > 0 ? max(0, min(1, 1 - available / total)) : 0 }
    /// Share of swap in use; 0 without swap.
    public var swapUsedRatio: Double { swapTotal > 0 ? max(0, min(1, 1 - swapFree / swapTotal)) : 0 }
}

/// /proc/loadavg: load averages and scheduling entities.
public struct LoadAverage: Sendable, Hashable {
    public var load1: Double
    public var load5: Double
    public var load15: Double
    public var running: Double
    public var total: Double

    public static func parse(_ text: String) throws(ProcParseError) -> LoadAverage {
        let f = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        let loads = f.prefix(3).compactMap { Double($0) }
        let counts = f.count > 3 ? f[3].split(separator: "/").compactMap { Double($0) } : []
        guard loads.count == 3, counts.count == 2 else {
            throw ProcParseError(file: "/proc/loadavg", line: 1, message: "expected 'load1 load5 load15 running/total lastpid'")
        }
        return LoadAverage(load1: loads[0], load5: loads[1], load15: loads[2], running: counts[0], total: counts[1])
    }
}
