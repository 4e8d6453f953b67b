import Foundation
import VigilCore

extension SeededRandom {
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

/// Deterministic Alertmanager API v2 "postable alerts".
///
/// Alert identity `k` always gets the same labels for the same seed (its own RNG stream is
/// seeded by `seed ^ k`), so two targets receive identical label sets in the same order
/// (request `n` carries identities `n*B ..< n*B+B`, modulo the label space).
struct AlertGenerator: Sendable {
    let seed: UInt64
    let startsAt: String
    let endsAt: String

    static let alertNames = [
        "HighCPU", "HighMemory", "DiskFull", "DiskIOSaturated", "NodeDown", "ServiceDown",
        "HighLatency", "HighErrorRate", "CertificateExpiring", "BackupFailed", "QueueBacklog",
        "ReplicationLag", "PodCrashLooping", "OOMKilled", "NTPDrift", "RAIDDegraded",
        "TooManyConnections", "SlowQueries", "PacketLoss", "FanFailure",
    ]
    static let services = (0..<50).map { "svc-\($0)" }
    static let severities = ["critical", "warning", "warning", "info"]
    static let datacenters = ["dc1", "dc2", "dc3"]

    init(seed: UInt64, now: Date = Date()) {
        self.seed = seed
        // Whole seconds, so both targets see the same shape of timestamps.
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let style = Date.ISO8601FormatStyle()
        startsAt = base.addingTimeInterval(-3600).formatted(style)
        endsAt = base.addingTimeInterval(24 * 3600).formatted(style)
    }

    /// The JSON object for alert identity `k`, as UTF-8 bytes.
    func alert(_ k: Int) -> [UInt8] {
        var rng = SeededRandom(seed: seed ^ (UInt64(k) &* 0x2545_F491_4F6C_DD1D))
        let alertname = rng.pick(Self.alertNames)
        let service = rng.pick(Self.services)
        let severity = rng.pick(Self.severities)
        let dc = rng.pick(Self.datacenters)
        let host = rng.next() % 5000
        let json = """
            {"labels":{"alertname":"\(alertname)","service":"\(service)","instance":"host-\(host).\(dc):9100",\
            "severity":"\(severity)","job":"node","datacenter":"\(dc)","bench_id":"a\(k)"},\
            "annotations":{"summary":"\(alertname) on host-\(host).\(dc)","description":"Synthetic alert \(k) from vigil-bench (seed \(seed))."},\
            "startsAt":"\(startsAt)","endsAt":"\(endsAt)",\
            "generatorURL":"http://127.0.0.1:9090/graph?g0.expr=bench_\(alertname)%3E1"}
            """
        return Array(json.utf8)
    }

    /// A JSON array body with the given pre-rendered alerts (`rendered[i]` for each index).
    func body(_ indices: some Sequence<Int>, rendered: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(512 * 8)
        var first = true
        for i in indices {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += rendered[i]
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
