import Foundation

/// The raw text of the /proc files and the statfs results of one collection, read by the
/// edge (VigilServer) and handed to the pure `HostCollector`. A file that could not be read is nil.
public struct HostSnapshot: Sendable {
    public struct Filesystem: Sendable, Hashable {
        public var mount: Mount
        public var stats: FilesystemStats

        public init(mount: Mount, stats: FilesystemStats) {
            self.mount = mount
            self.stats = stats
        }
    }

    /// /proc/[pid]/stat and /proc/[pid]/status of one process whose name is configured.
    public struct Process: Sendable, Hashable {
        public var stat: String
        public var status: String?

        public init(stat: String, status: String?) {
            self.stat = stat
            self.status = status
        }
    }

    public var time: Date
    public var stat: String?
    public var meminfo: String?
    public var loadavg: String?
    public var diskstats: String?
    public var netDev: String?
    public var filesystems: [Filesystem]
    public var processes: [Process]
    /// `sysconf(_SC_CLK_TCK)`: the unit of CPU times in /proc.
    public var clockTicksPerSecond: Double
    public var pageSize: Double

    public init(time: Date, stat: String? = nil, meminfo: String? = nil, loadavg: String? = nil, diskstats: String? = nil,
                netDev: String? = nil, filesystems: [Filesystem] = [], processes: [Process] = [],
                clockTicksPerSecond: Double = 100, pageSize: Double = 4096) {
        self.time = time
        self.stat = stat
        self.meminfo = meminfo
        self.loadavg = loadavg
        self.diskstats = diskstats
        self.netDev = netDev
        self.filesystems = filesystems
        self.processes = processes
        self.clockTicksPerSecond = clockTicksPerSecond
        self.pageSize = pageSize
    }
}
