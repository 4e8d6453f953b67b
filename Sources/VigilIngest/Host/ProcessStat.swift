/// CPU time and memory of one process, from /proc/[pid]/stat and /proc/[pid]/status.
public struct ProcessStat: Sendable, Hashable {
    public var pid: Int
    /// The command name (`comm`, at most 15 bytes, may contain spaces and parentheses).
    public var name: String
    public var state: String
    /// User + system CPU time in clock ticks (`utime + stime`).
    public var cpuTicks: Double
    public var threads: Double
    /// Resident set size in bytes (`VmRSS` from status when given, else `rss` pages × page size).
    public var residentBytes: Double

    /// Parses /proc/[pid]/stat. The name sits between the first `(` and the *last* `)`.
    public static func parse(stat: String, status: String? = nil, pageSize: Double = 4096) throws(ProcParseError) -> ProcessStat {
        let file = "/proc/[pid]/stat"
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"), open < close,
              let pid = Int(stat[..<open].split(separator: " ").first ?? "") else {
            throw ProcParseError(file: file, line: 1, message: "expected 'pid (comm) state …'")
        }
        let name = String(stat[stat.index(after: open)..<close])
        // Fields after the name, numbered from 3 (state) as in proc(5).
        let rest = stat[stat.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\n" })
        func field(_ n: Int, _ what: String) throws(ProcParseError) -> Double {
            guard n - 3 < rest.count else { throw ProcParseError(file: file, line: 1, message: "missing field \(n) (\(what))") }
            guard let v = Double(rest[n - 3]), v >= 0 else {
                throw ProcParseError(file: file, line: 1, message: "field \(n) (\(what)) is not a number: '\(rest[n - 3].prefix(32))'")
            }
            return v
        }
        guard let state = rest.first else { throw ProcParseError(file: file, line: 1, message: "missing field 3 (state)") }
        let cpu = try field(14, "utime") + field(15, "stime")
        var threads = try field(20, "num_threads")
        var rss = try field(24, "rss") * pageSize
        if let status {
            let fields = try ProcessStatus.parse(status)
            if let v = fields["VmRSS"] { rss = v }
            if let t = fields["Threads"] { threads = t }
        }
        return ProcessStat(pid: pid, name: name, state: String(state), cpuTicks: cpu, threads: threads, residentBytes: rss)
    }
}

/// The numeric fields of /proc/[pid]/status (`kB` values in bytes).
enum ProcessStatus {
    static func parse(_ text: String) throws(ProcParseError) -> [String: Double] {
        var out: [String: Double] = [:]
        for (line, f) in ProcText.rows(text) where f.count >= 2 && f[0].hasSuffix(":") {
            let key = String(f[0].dropLast())
            guard ["VmRSS", "VmSize", "VmSwap", "Threads", "RssAnon", "RssFile"].contains(key) else { continue }
            let v = try ProcText.number(f, 1, file: "/proc/[pid]/status", line: line, what: key)
            out[key] = f.count >= 3 && f[2] == "kB" ? v * 1024 : v
        }
        return out
    }
}
