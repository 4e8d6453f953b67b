import Foundation
import VigilCore

/// Turns successive `HostSnapshot`s into host metrics: CPU shares, load, memory and swap,
/// filesystem usage and inodes, disk and network rates, and CPU/RSS of configured processes.
/// Pure: the edge reads the files, this keeps the previous counters to compute deltas.
///
/// ```swift
/// var collector = HostCollector(host: "db1", processes: ["postgres"])
/// let (samples, errors) = collector.collect(snapshot)
/// ```
public struct HostCollector: Sendable {
    public let host: String
    /// Process names (`comm`) to report on; several processes of one name are summed.
    public let processes: Set<String>
    var previousCPU: CPUTimes?
    var rates = CounterRates()

    public init(host: String, processes: [String] = []) {
        self.host = host
        self.processes = Set(processes)
    }

    /// The samples of one snapshot, and the files that did not parse (the rest is still reported).
    public mutating func collect(_ s: HostSnapshot) -> (samples: [MetricSample], errors: [ProcParseError]) {
        var out = Output(host: host, time: s.time)
        var errors: [ProcParseError] = []
        do throws(ProcParseError) { if let text = s.stat { try cpu(text, into: &out) } } catch { errors.append(error) }
        do throws(ProcParseError) {
            if let text = s.loadavg {
                let l = try LoadAverage.parse(text)
                out.add("host_load1", l.load1)
                out.add("host_load5", l.load5)
                out.add("host_load15", l.load15)
            }
        } catch { errors.append(error) }
        do throws(ProcParseError) { if let text = s.meminfo { Self.memory(try MemInfo.parse(text), into: &out) } } catch {
            errors.append(error)
        }
        for fs in s.filesystems { Self.filesystem(fs, into: &out) }
        do throws(ProcParseError) { if let text = s.diskstats { disks(try DiskCounters.parse(text), into: &out) } } catch {
            errors.append(error)
        }
        do throws(ProcParseError) { if let text = s.netDev { network(try NetworkCounters.parse(text), into: &out) } } catch {
            errors.append(error)
        }
        do throws(ProcParseError) { try collectProcesses(s, into: &out) } catch { errors.append(error) }
        rates.forget(notUpdatedSince: s.time.addingTimeInterval(-3600))
        return (out.samples, errors)
    }

    private mutating func cpu(_ text: String, into o: inout Output) throws(ProcParseError) {
        let stat = try ProcStat.parse(text)
        if let previous = previousCPU {
            for (mode, ratio) in stat.total.ratios(since: previous) {
                if mode == "busy" { o.add("host_cpu_busy_ratio", ratio) } else { o.add("host_cpu_ratio", ratio, ["mode": mode]) }
            }
        }
        previousCPU = stat.total
        o.add("host_cpu_count", Double(max(1, stat.cpus.count)))
        if let v = stat.running { o.add("host_procs_running", v) }
        if let v = stat.blocked { o.add("host_procs_blocked", v) }
        if let v = stat.contextSwitches { rate(&o, "host_context_switches_per_second", v) }
    }

    static func memory(_ m: MemInfo, into o: inout Output) {
        o.add("host_memory_total_bytes", m.total)
        o.add("host_memory_available_bytes", m.available)
        o.add("host_memory_used_ratio", m.usedRatio)
        o.add("host_swap_total_bytes", m.swapTotal)
        o.add("host_swap_used_ratio", m.swapUsedRatio)
    }

    static func filesystem(_ fs: HostSnapshot.Filesystem, into o: inout Output) {
        let labels = ["mountpoint": fs.mount.mountPoint, "device": fs.mount.device, "fstype": fs.mount.fsType]
        o.add("host_filesystem_size_bytes", fs.stats.sizeBytes, labels)
        o.add("host_filesystem_avail_bytes", fs.stats.availableBytes, labels)
        o.add("host_filesystem_used_ratio", fs.stats.usedRatio, labels)
        if let inodes = fs.stats.inodesUsedRatio { o.add("host_filesystem_inodes_used_ratio", inodes, labels) }
    }

    private mutating func disks(_ disks: [DiskCounters], into o: inout Output) {
        for d in disks {
            let l = ["device": d.device]
            rate(&o, "host_disk_read_bytes_per_second", d.sectorsRead * DiskCounters.sectorBytes, l)
            rate(&o, "host_disk_written_bytes_per_second", d.sectorsWritten * DiskCounters.sectorBytes, l)
            rate(&o, "host_disk_reads_per_second", d.readsCompleted, l)
            rate(&o, "host_disk_writes_per_second", d.writesCompleted, l)
            rate(&o, "host_disk_busy_ratio", d.ioMilliseconds / 1000, l)
        }
    }

    private mutating func network(_ interfaces: [NetworkCounters], into o: inout Output) {
        for n in interfaces where n.interface != "lo" {
            let l = ["interface": n.interface]
            rate(&o, "host_network_receive_bytes_per_second", n.receiveBytes, l)
            rate(&o, "host_network_transmit_bytes_per_second", n.transmitBytes, l)
            rate(&o, "host_network_receive_errors_per_second", n.receiveErrors + n.receiveDrops, l)
            rate(&o, "host_network_transmit_errors_per_second", n.transmitErrors + n.transmitDrops, l)
        }
    }

    /// Per configured name: summed CPU (in cores, from per-pid deltas so an exiting process is no reset),
    /// resident memory, threads and the number of processes. A name with no process reports count 0.
    private mutating func collectProcesses(_ s: HostSnapshot, into o: inout Output) throws(ProcParseError) {
        guard !processes.isEmpty else { return }
        var totals: [String: (cpu: Double, rss: Double, threads: Double, count: Double)] = [:]
        for name in processes { totals[name] = (0, 0, 0, 0) }
        for p in s.processes {
            let stat = try ProcessStat.parse(stat: p.stat, status: p.status, pageSize: s.pageSize)
            guard processes.contains(stat.name) else { continue }
            let key = SeriesKey(name: "process_cpu_ticks", labels: ["pid": String(stat.pid), "process": stat.name])
            let cpu = rates.rate(series: key, time: s.time, value: stat.cpuTicks).map { $0 / s.clockTicksPerSecond } ?? 0
            totals[stat.name, default: (0, 0, 0, 0)].cpu += cpu
            totals[stat.name]?.rss += stat.residentBytes
            totals[stat.name]?.threads += stat.threads
            totals[stat.name]?.count += 1
        }
        for (name, t) in totals {
            let l = ["process": name]
            o.add("host_process_count", t.count, l)
            guard t.count > 0 else { continue }
            o.add("host_process_cpu_cores", t.cpu, l)
            o.add("host_process_resident_bytes", t.rss, l)
            o.add("host_process_threads", t.threads, l)
        }
    }

    /// Adds the per-second rate of a counter once there is a previous value.
    private mutating func rate(_ o: inout Output, _ name: String, _ counter: Double, _ labels: LabelSet = [:]) {
        let key = SeriesKey(name: name, labels: labels)
        if let r = rates.rate(series: key, time: o.time, value: counter) { o.add(name, r, labels) }
    }

    struct Output {
        let host: String
        let time: Date
        var samples: [MetricSample] = []

        mutating func add(_ name: String, _ value: Double, _ labels: LabelSet = [:]) {
            guard value.isFinite else { return }
            var l = labels
            l["host"] = host
            samples.append(MetricSample(name: name, labels: l, time: time, value: value))
        }
    }
}
