import VigilCore

/// What a metric measures, read from its name the way an engineer would:
/// by the words in it, for any exporter or naming scheme.
struct MetricFamily: Sendable, Equatable {
    enum Direction: Sendable { case up, down, both }

    /// Short word for summaries: `cpu`, `memory`, `latency`, ...
    let label: String
    let direction: Direction
    /// Cause kinds this measure points at when it moves, with how strongly.
    let causes: [CauseKind: Double]
    /// How much a move counts as a symptom of the component (0 for measures of a peer).
    let symptom: Double
    /// Gauges whose slow growth is the signal (memory).
    var trend = false

    static func classify(_ rawName: String, kind: TopologyNode.Kind?) -> MetricFamily? {
        let n = rawName.lowercased()
        func has(_ words: String...) -> Bool { words.contains { n.contains($0) } }
        if has("limit", "spec_", "capacity", "_size_bytes", "_max", "build_info", "info") && !has("pending", "avail", "free") {
            return nil
        }
        if has("cert", "ssl") && has("expir", "not_after") {
            return MetricFamily(label: "certificate expiry", direction: .down, causes: [.certificateExpired: 1], symptom: 0.3)
        }
        if has("coredns", "dns") {
            return MetricFamily(label: "dns", direction: .up, causes: [.dnsFailure: 1], symptom: 0.3)
        }
        if has("filesystem", "volume", "disk", "fs_") {
            if has("avail", "free") && !has("alarm", "watermark") {
                return MetricFamily(label: "free disk", direction: .down, causes: [.diskFull: 1], symptom: 0.5)
            }
            return MetricFamily(label: "disk", direction: .up, causes: [.diskFull: 0.8], symptom: 0.4)
        }
        if has("aof", "rdb", "write_status") {
            return MetricFamily(label: "persistence", direction: .down, causes: [.diskFull: 0.6], symptom: 0.3)
        }
        if has("restart", "terminated", "start_time", "oom") {
            let causes: [CauseKind: Double] = has("oom") ? [.memoryLeak: 1] : [.processCrash: 1]
            return MetricFamily(label: "restarts", direction: .both, causes: causes, symptom: 0.6)
        }
        if n == "up" || n.hasSuffix("_up") || has("probe_success") {
            return MetricFamily(label: "up", direction: .down, causes: [.processCrash: 0.5, .networkPartition: 0.6], symptom: 0.8)
        }
        if has("pending", "pool", "waiting", "acquire") {
            return MetricFamily(label: "pool", direction: .up, causes: [.connectionPoolExhausted: 1], symptom: 0.4)
        }
        if has("cpu") {
            let node = has("node") && kind != nil
            return MetricFamily(label: node ? "host cpu" : "cpu", direction: .up, causes: [.cpuSaturation: node ? 0.6 : 1], symptom: 0.6)
        }
        if has("gc_", "_gc", "garbage") {
            return MetricFamily(label: "gc", direction: .up, causes: [.memoryLeak: 0.5, .cpuSaturation: 0.2], symptom: 0.3)
        }
        if has("memory", "mem_", "rss", "heap", "working_set") {
            let node = has("node")
            return MetricFamily(label: node ? "host memory" : "memory", direction: .up,
                                causes: [.memoryLeak: node ? 0.2 : 0.4], symptom: 0.4, trend: true)
        }
        if has("client") && has("latency", "duration") {
            return MetricFamily(label: "outbound latency", direction: .up, causes: [:], symptom: 0.15)
        }
        if has("tx_duration", "query", "slow", "lock", "statement") {
            let db = kind == .db
            return MetricFamily(label: "query time", direction: .up, causes: db ? [.slowQuery: 1] : [.slowQuery: 0.3], symptom: 0.6)
        }
        if has("latency", "duration", "response_time", "_p99", "_p95", "_p90", "_p50", "seconds") {
            var causes: [CauseKind: Double] = [.networkDelay: 0.5]
            if kind == .db { causes[.slowQuery] = 0.7 }
            return MetricFamily(label: "latency", direction: .up, causes: causes, symptom: 1)
        }
        if has("success") {
            return MetricFamily(label: "success rate", direction: .down, causes: [.codeException: 0.6], symptom: 1)
        }
        if has("error", "5xx", "fail", "exception") {
            return MetricFamily(label: "errors", direction: .up, causes: [.codeException: 0.5], symptom: 1)
        }
        if has("network", "receive", "transmit", "packets", "_bytes_") {
            return MetricFamily(label: "network", direction: .both, causes: [.networkDelay: 0.4, .networkPartition: 0.2], symptom: 0.3)
        }
        if has("connected_clients", "activity_count", "connections") {
            return MetricFamily(label: "connections", direction: .up, causes: [.connectionPoolExhausted: 0.3], symptom: 0.3)
        }
        if has("request", "workload", "ops", "qps", "throughput", "rate") {
            return MetricFamily(label: "traffic", direction: .both, causes: [:], symptom: 0.4)
        }
        return MetricFamily(label: "metric", direction: .both, causes: [:], symptom: 0.2)
    }
}
