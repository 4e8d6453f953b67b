/// A mounted filesystem from /proc/mounts.
public struct Mount: Sendable, Hashable {
    public var device: String
    public var mountPoint: String
    public var fsType: String

    public init(device: String, mountPoint: String, fsType: String) {
        self.device = device
        self.mountPoint = mountPoint
        self.fsType = fsType
    }

    /// Filesystem types that hold no user data (kernel views, cgroups, containers' plumbing).
    public static let pseudoTypes: Set<String> = [
        "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "pstore", "debugfs", "tracefs",
        "configfs", "fusectl", "mqueue", "hugetlbfs", "bpf", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "overlay",
        "squashfs", "ramfs", "efivarfs", "selinuxfs", "fuse.lxcfs", "fuse.gvfsd-fuse", "fuse.portal",
    ]

    /// Parses /proc/mounts, decoding octal escapes (`\040` is a space), keeping real filesystems once per mount point.
    public static func parse(_ text: String) throws(ProcParseError) -> [Mount] {
        var out: [Mount] = []
        var seen: Set<String> = []
        for (line, f) in ProcText.rows(text) {
            guard f.count >= 3 else { throw ProcParseError(file: "/proc/mounts", line: line, message: "expected 'device mountpoint fstype …'") }
            let mount = Mount(device: unescape(f[0]), mountPoint: unescape(f[1]), fsType: String(f[2]))
            guard !pseudoTypes.contains(mount.fsType), seen.insert(mount.mountPoint).inserted else { continue }
            out.append(mount)
        }
        return out
    }

    /// Decodes the `\ooo` octal escapes the kernel writes for space, tab, newline and backslash.
    static func unescape(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == 0x5C, i + 3 < u.count, u[(i + 1)...(i + 3)].allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }),
               let code = UInt8(String(decoding: u[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                bytes.append(code)
                i += 4
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What statfs/statvfs says about one filesystem, passed in by the edge that called it.
public struct FilesystemStats: Sendable, Hashable {
    /// Fragment size (`f_frsize`): the unit of the block counts.
    public var blockSize: Double
    public var blocks: Double
    public var blocksFree: Double
    /// Free blocks available to unprivileged users.
    public var blocksAvailable: Double
    public var files: Double
    public var filesFree: Double

    public init(blockSize: Double, blocks: Double, blocksFree: Double, blocksAvailable: Double, files: Double, filesFree: Double) {
        self.blockSize = blockSize
        self.blocks = blocks
        self.blocksFree = blocksFree
        self.blocksAvailable = blocksAvailable
        self.files = files
        self.filesFree = filesFree
    }

    public var sizeBytes: Double { blocks * blockSize }
    public var availableBytes: Double { blocksAvailable * blockSize }
    public var usedBytes: Double { (blocks - blocksFree) * blockSize }

    /// Used share as `df` computes it: used / (used + available to users), so reserved blocks count as full.
    public var usedRatio: Double {
        let used = blocks - blocksFree
        let denominator = used + blocksAvailable
        return denominator > 0 ? used / denominator : 0
    }

    /// Used share of inodes; nil for filesystems without a fixed inode count (btrfs reports 0).
    public var inodesUsedRatio: Double? { files > 0 ? (files - filesFree) / files : nil }
}
