import Foundation
import Testing
import VigilCore
import VigilIngest

@Suite("Host collector: snapshots to samples")
struct HostCollectorTests {
    func snapshot(_ seconds: Double, stat: String, disk: String, net: String, processes: [HostSnapshot.Process]) throws -> HostSnapshot {
        HostSnapshot(
            time: Date(timeIntervalSince1970: 1_700_000_000 + seconds), stat: try ProcFixture.text(stat),
            meminfo: try ProcFixture.text("meminfo"), loadavg: try ProcFixture.text("loadavg"), diskstats: disk, netDev: net,
            filesystems: [.init(mount: Mount(device: "/dev/vda", mountPoint: "/", fsType: "ext4"),
                                stats: FilesystemStats(blockSize: 4096, blocks: 1000, blocksFree: 500, blocksAvailable: 500,
                                                       files: 10, filesFree: 5))],
            processes: processes, clockTicksPerSecond: 100)
    }

    @Test("the second collection adds CPU shares, disk, network and process rates")
    func twoCollections() throws {
        var c = HostCollector(host: "h1", processes: ["swift-build", "absent"])
        let disk1 = try ProcFixture.text("diskstats")
        let net1 = try ProcFixture.text("net_dev")
        let busy = try ProcFixture.text("pid/stat.busy")
        let first = c.collect(try snapshot(0, stat: "stat.1", disk: disk1, net: net1,
                                           processes: [.init(stat: busy, status: try ProcFixture.text("pid/status.busy"))]))
        #expect(first.errors.isEmpty)
        let names1 = Set(first.samples.map(\.name))
        #expect(names1.isSuperset(of: ["host_load1", "host_memory_used_ratio", "host_filesystem_used_ratio",
                                       "host_filesystem_inodes_used_ratio", "host_process_resident_bytes", "host_process_count"]))
        #expect(!names1.contains("host_cpu_busy_ratio") && !names1.contains("host_disk_read_bytes_per_second"),
                "rates need two collections")
        #expect(first.samples.allSatisfy { $0.labels["host"] == "h1" })
        #expect(first.samples.first { $0.name == "host_process_count" && $0.labels["process"] == "absent" }?.value == 0)

        // 10 s later: vda read 1000 more sectors, eth0 received 5000 more bytes, the process used 50 more ticks.
        let disk2 = disk1.replacingOccurrences(of: "22070234", with: "22071234")
        let net2 = net1.replacingOccurrences(of: "60903687", with: "60908687")
        let busy2 = busy.replacingOccurrences(of: " 626 226 ", with: " 666 236 ")
        let second = c.collect(try snapshot(10, stat: "stat.2", disk: disk2, net: net2, processes: [.init(stat: busy2, status: nil)]))
        func value(_ name: String, _ labels: LabelSet = [:]) -> Double? {
            second.samples.first { s in s.name == name && labels.allSatisfy { k, v in s.labels[k] == v } }?.value
        }
        #expect(value("host_cpu_busy_ratio") == 1)
        #expect(abs((value("host_cpu_ratio", ["mode": "user"]) ?? 0) - 200.0 / 213) < 1e-12)
        #expect(value("host_disk_read_bytes_per_second", ["device": "vda"]) == 1000.0 * 512 / 10)
        #expect(value("host_disk_written_bytes_per_second", ["device": "vda"]) == 0)
        #expect(value("host_network_receive_bytes_per_second", ["interface": "eth0"]) == 500)
        #expect(value("host_network_receive_bytes_per_second", ["interface": "lo"]) == nil, "loopback is left out")
        #expect(value("host_process_cpu_cores", ["process": "swift-build"]) == 0.05, "50 ticks at 100 Hz in 10 s")
        #expect(value("host_process_resident_bytes", ["process": "swift-build"]) == 41529.0 * 4096)
        #expect(value("host_filesystem_used_ratio", ["mountpoint": "/"]) == 0.5)
        #expect(value("host_context_switches_per_second") == (23_915_432.0 - 23_914_646) / 10)
    }

    @Test("a file that does not parse is reported; the others still give samples")
    func partialFailure() {
        var c = HostCollector(host: "h1")
        let (samples, errors) = c.collect(HostSnapshot(time: Date(), stat: "garbage\n", loadavg: "0.5 0.4 0.3 1/100 7\n"))
        #expect(errors.count == 1 && errors[0].file == "/proc/stat")
        #expect(samples.map(\.name).sorted() == ["host_load1", "host_load15", "host_load5"])
    }
}
