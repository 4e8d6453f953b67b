import Foundation
import VigilIngest
#if canImport(Glibc)
import Glibc
#endif

/// Reads the host's /proc files and statfs results into a `HostSnapshot` (the I/O half of the
/// host collector; `HostCollector` in VigilIngest is the pure half).
struct ProcReader: Sendable {
    /// The root of procfs; tests point it at a fixture directory.
    var root = "/proc"
    /// Process names to find; empty skips the walk over /proc/[pid].
    var processes: Set<String> = []

    func snapshot(at time: Date) -> HostSnapshot {
        var s = HostSnapshot(time: time, stat: read("stat"), meminfo: read("meminfo"), loadavg: read("loadavg"),
                             diskstats: read("diskstats"), netDev: read("net/dev"),
                             clockTicksPerSecond: Self.clockTicks, pageSize: Self.pageSize)
        if let text = read("mounts"), let mounts = try? Mount.parse(text) {
            s.filesystems = mounts.compactMap { m in Self.statfs(m.mountPoint).map { HostSnapshot.Filesystem(mount: m, stats: $0) } }
        }
        if !processes.isEmpty { s.processes = processSnapshots() }
        return s
    }

    private func read(_ name: String) -> String? {
        try? String(contentsOfFile: root + "/" + name, encoding: .utf8)
    }

    /// /proc/[pid]/stat and status of every process whose name is configured.
    private func processSnapshots() -> [HostSnapshot.Process] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        var out: [HostSnapshot.Process] = []
        for pid in entries where pid.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let stat = read(pid + "/stat"), let p = try? ProcessStat.parse(stat: stat), processes.contains(p.name) else { continue }
            out.append(HostSnapshot.Process(stat: stat, status: read(pid + "/status")))
        }
        return out
    }

    static func statfs(_ path: String) -> FilesystemStats? {
        #if canImport(Glibc)
        var st = statvfs()
        guard statvfs(path, &st) == 0, st.f_blocks > 0 else { return nil }
        return FilesystemStats(blockSize: Double(st.f_frsize), blocks: Double(st.f_blocks), blocksFree: Double(st.f_bfree),
                               blocksAvailable: Double(st.f_bavail), files: Double(st.f_files), filesFree: Double(st.f_ffree))
        #else
        return nil
        #endif
    }

    static let clockTicks = sysconfValue(Int32(_SC_CLK_TCK), fallback: 100)
    static let pageSize = sysconfValue(Int32(_SC_PAGESIZE), fallback: 4096)

    static func sysconfValue(_ name: Int32, fallback: Double) -> Double {
        #if canImport(Glibc)
        let v = sysconf(name)
        return v > 0 ? Double(v) : fallback
        #else
        return fallback
        #endif
    }
}
