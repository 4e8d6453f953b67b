import Foundation

/// One block device's cumulative counters from /proc/diskstats.
public struct DiskCounters: Sendable, Hashable {
    public var device: String
    public var readsCompleted: Double
    public var sectorsRead: Double
    public var writesCompleted: Double
    public var sectorsWritten: Double
    /// Milliseconds spent doing I/O (the busy time).
    public var ioMilliseconds: Double

    /// Sectors in /proc/diskstats are always 512 bytes, whatever the device's own sector size.
    public static let sectorBytes = 512.0

    /// Parses /proc/diskstats, leaving out devices that carry no real I/O (`loop`, `ram`, `zram`, `fd`).
    public static func parse(_ text: String) throws(ProcParseError) -> [DiskCounters] {
        var out: [DiskCounters] = []
        for (line, f) in ProcText.rows(text) {
            guard f.count >= 14 else {
                throw ProcParseError(file: "/proc/diskstats", line: line, message: "\(f.count) fields, at least 14 expected")
            }
            let name = String(f[2])
            if ["loop", "ram", "zram", "fd"].contains(where: { name.hasPrefix($0) }) { continue }
            func n(_ i: Int, _ what: String) throws(ProcParseError) -> Double {
                try ProcText.number(f, i, file: "/proc/diskstats", line: line, what: what)
            }
            out.append(DiskCounters(device: name, readsCompleted: try n(3, "reads completed"), sectorsRead: try n(5, "sectors read"),
                                    writesCompleted: try n(7, "writes completed"), sectorsWritten: try n(9, "sectors written"),
                                    ioMilliseconds: try n(12, "ms doing I/O")))
        }
        return out
    }
}

/// One network interface's cumulative counters from /proc/net/dev.
public struct NetworkCounters: Sendable, Hashable {
    public var interface: String
    public var receiveBytes: Double
    public var receivePackets: Double
    public var receiveErrors: Double
    public var receiveDrops: Double
    public var transmitBytes: Double
    public var transmitPackets: Double
    public var transmitErrors: Double
    public var transmitDrops: Double

    /// Parses /proc/net/dev (two header lines, then `iface: 16 counters`).
    public static func parse(_ text: String) throws(ProcParseError) -> [NetworkCounters] {
        var out: [NetworkCounters] = []
        for (i, raw) in text.split(separator: "\n").enumerated() where i >= 2 {
            guard let colon = raw.firstIndex(of: ":") else {
                throw ProcParseError(file: "/proc/net/dev", line: i + 1, message: "expected 'interface: counters'")
            }
            let name = raw[..<colon].trimmingCharacters(in: .whitespaces)
            let f = raw[raw.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count >= 16 else {
                throw ProcParseError(file: "/proc/net/dev", line: i + 1, message: "\(f.count) counters for \(name), 16 expected")
            }
            func n(_ k: Int, _ what: String) throws(ProcParseError) -> Double {
                try ProcText.number(f, k, file: "/proc/net/dev", line: i + 1, what: what)
            }
            out.append(NetworkCounters(interface: name, receiveBytes: try n(0, "rx bytes"), receivePackets: try n(1, "rx packets"),
                                       receiveErrors: try n(2, "rx errs"), receiveDrops: try n(3, "rx drop"),
                                       transmitBytes: try n(8, "tx bytes"), transmitPackets: try n(9, "tx packets"),
                                       transmitErrors: try n(10, "tx errs"), transmitDrops: try n(11, "tx drop")))
        }
        return out
    }
}
