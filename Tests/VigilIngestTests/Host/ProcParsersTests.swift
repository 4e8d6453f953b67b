import Foundation
import Testing
import VigilIngest

@Suite("/proc parsers on real fixture files")
struct ProcParsersTests {
    @Test("/proc/stat: CPU shares from the delta of two reads")
    func cpuRatios() throws {
        let a = try ProcStat.parse(ProcFixture.text("stat.1"))
        let b = try ProcStat.parse(ProcFixture.text("stat.2"))
        #expect(a.cpus.count == 2)
        #expect(a.total.ticks == [1_404_306, 23, 167_718, 716_586, 8844, 0, 4646, 10380])
        #expect(b.contextSwitches == 23_915_432)
        #expect(b.running == 10)
        let r = b.total.ratios(since: a.total)
        // deltas: user 200, system 12, steal 1 → 213 ticks in all, idle 0
        #expect(abs((r["user"] ?? 0) - 200.0 / 213) < 1e-12)
        #expect(abs((r["system"] ?? 0) - 12.0 / 213) < 1e-12)
        #expect(r["idle"] == 0)
        #expect(r["busy"] == 1)
        #expect(abs(r.filter { $0.key != "busy" }.values.reduce(0, +) - 1) < 1e-12)
        #expect(a.total.ratios(since: b.total).isEmpty, "counters going backwards give nothing")
        #expect(a.total.ratios(since: a.total).isEmpty, "no elapsed ticks give nothing")
    }

    @Test("/proc/meminfo in bytes, with used ratios")
    func meminfo() throws {
        let m = try MemInfo.parse(ProcFixture.text("meminfo"))
        #expect(m.total == 24_683_656 * 1024)
        #expect(m.available == 23_383_416 * 1024)
        #expect(abs(m.usedRatio - (1 - 23_383_416.0 / 24_683_656)) < 1e-12)
        #expect(m.swapTotal == 0 && m.swapUsedRatio == 0)
        #expect(m.fields["HugePages_Total"] != nil)
        let old = try MemInfo.parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\nSwapTotal: 100 kB\nSwapFree: 25 kB\n")
        #expect(old.available == 400 * 1024, "kernels without MemAvailable")
        #expect(old.swapUsedRatio == 0.75)
    }

    @Test("/proc/loadavg")
    func loadavg() throws {
        let l = try LoadAverage.parse(ProcFixture.text("loadavg"))
        #expect(l.load1 == 6.99 && l.load5 == 3.40 && l.load15 == 1.75)
        #expect(l.running == 10 && l.total == 156)
    }

    @Test("/proc/diskstats skips loop/zram devices")
    func diskstats() throws {
        let d = try DiskCounters.parse(ProcFixture.text("diskstats"))
        #expect(d.map(\.device) == ["vda"])
        #expect(d[0].readsCompleted == 736_291 && d[0].sectorsRead == 22_070_234)
        #expect(d[0].writesCompleted == 3_580_569 && d[0].sectorsWritten == 167_199_024)
        #expect(d[0].ioMilliseconds == 292_412)
    }

    @Test("/proc/net/dev")
    func netdev() throws {
        let n = try NetworkCounters.parse(ProcFixture.text("net_dev"))
        #expect(n.map(\.interface) == ["lo", "ifb0", "ifb1", "eth0"])
        #expect(n[3].receiveBytes == 60_903_687 && n[3].receivePackets == 1911)
        #expect(n[3].transmitBytes == 89499 && n[3].transmitPackets == 1029)
    }

    @Test("/proc/mounts keeps real filesystems once, decoding octal escapes")
    func mounts() throws {
        let m = try Mount.parse(ProcFixture.text("mounts"))
        #expect(m.map(\.mountPoint) == ["/", "/mnt/backup disk"])
        #expect(m[0].device == "/dev/vda" && m[0].fsType == "ext4")
    }

    @Test("statfs values: df's used share (reserved blocks count as used), inode share")
    func filesystemUsage() {
        let fs = FilesystemStats(blockSize: 4096, blocks: 1000, blocksFree: 300, blocksAvailable: 250, files: 100, filesFree: 40)
        #expect(fs.sizeBytes == 4_096_000)
        #expect(fs.availableBytes == 1_024_000)
        #expect(fs.usedBytes == 2_867_200)
        #expect(abs(fs.usedRatio - 700.0 / 950) < 1e-12)
        #expect(fs.inodesUsedRatio == 0.6)
        #expect(FilesystemStats(blockSize: 4096, blocks: 10, blocksFree: 1, blocksAvailable: 1, files: 0, filesFree: 0).inodesUsedRatio == nil)
    }

    @Test("/proc/[pid]/stat and status, including a name with spaces and parentheses")
    func process() throws {
        let p = try ProcessStat.parse(stat: ProcFixture.text("pid/stat.busy"), status: ProcFixture.text("pid/status.busy"))
        #expect(p.pid == 28027 && p.name == "swift-build" && p.state == "S")
        #expect(p.cpuTicks == 626 + 226)
        #expect(p.threads == 6)
        #expect(p.residentBytes == 166_280 * 1024, "VmRSS from status wins")
        let odd = try ProcessStat.parse(stat: ProcFixture.text("pid/stat.odd"), pageSize: 4096)
        #expect(odd.name == "my (odd) job")
        #expect(odd.cpuTicks == 852)
        #expect(odd.residentBytes == 41529 * 4096)
        let cat = try ProcessStat.parse(stat: ProcFixture.text("pid/stat"), status: ProcFixture.text("pid/status"))
        #expect(cat.name == "cat" && cat.residentBytes == 1644 * 1024)
    }

    @Test("malformed files name the file and line", arguments: [
        ("stat", "cpu  1 2 x 4\n", "/proc/stat:1", "field 4 (system)"),
        ("stat", "intr 5\n", "/proc/stat:1", "no 'cpu' line"),
        ("meminfo", "MemTotal: 1 kB\nbogus\n", "/proc/meminfo:2", "expected 'Name: value"),
        ("loadavg", "1.0 2.0\n", "/proc/loadavg:1", "expected 'load1"),
        ("diskstats", "8 0 sda 1 2 3\n", "/proc/diskstats:1", "at least 14"),
        ("net_dev", "h1\nh2\neth0 1 2 3\n", "/proc/net/dev:3", "interface: counters"),
        ("pid", "1 cat R 1 2\n", "/proc/[pid]/stat:1", "pid (comm)"),
        ("pid", "1 (cat) R 1 2\n", "/proc/[pid]/stat:1", "missing field 14"),
    ])
    func malformed(_ file: String, _ text: String, _ location: String, _ message: String) {
        do throws(ProcParseError) {
            switch file {
            case "stat": _ = try ProcStat.parse(text)
            case "meminfo": _ = try MemInfo.parse(text)
            case "loadavg": _ = try LoadAverage.parse(text)
            case "diskstats": _ = try DiskCounters.parse(text)
            case "net_dev": _ = try NetworkCounters.parse(text)
            default: _ = try ProcessStat.parse(stat: text)
            }
            Issue.record("accepted malformed \(file)")
        } catch {
            #expect(error.description.hasPrefix(location), "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }
}
