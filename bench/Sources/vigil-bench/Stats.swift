import Foundation

/// Latency samples of one worker (microseconds) plus counters; merged at the end.
struct WorkerStats: Sendable {
    var latenciesMicros: [UInt32] = []
    var requests = 0
    var requestsOK = 0
    var alertsSent = 0
    var alertsAccepted = 0
    var transportErrors = 0
    var statusErrors: [Int: Int] = [:]
    var firstErrors: [String] = []

    mutating func merge(_ other: WorkerStats) {
        latenciesMicros += other.latenciesMicros
        requests += other.requests
        requestsOK += other.requestsOK
        alertsSent += other.alertsSent
        alertsAccepted += other.alertsAccepted
        transportErrors += other.transportErrors
        statusErrors.merge(other.statusErrors, uniquingKeysWith: +)
        if firstErrors.count < 5 { firstErrors += other.firstErrors.prefix(5 - firstErrors.count) }
    }
}

struct LatencySummary: Codable, Sendable {
    let p50: Double
    let p90: Double
    let p99: Double
    let p999: Double
    let max: Double
    let mean: Double

    /// Nearest-rank percentiles over all samples (sorted once), in milliseconds.
    init(micros: [UInt32]) {
        let sorted = micros.sorted()
        func q(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return Double(sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]) / 1000
        }
        p50 = q(0.50)
        p90 = q(0.90)
        p99 = q(0.99)
        p999 = q(0.999)
        max = Double(sorted.last ?? 0) / 1000
        mean = sorted.isEmpty ? 0 : sorted.reduce(0.0) { $0 + Double($1) } / Double(sorted.count) / 1000
    }
}

struct IngestReport: Codable, Sendable {
    let url: String
    let mode: String
    let seed: UInt64
    let concurrency: Int
    let batch: Int
    let distinct: Int
    let offset: Int
    let targetRate: Double
    let durationSeconds: Double
    let requests: Int
    let requestsOK: Int
    let alertsSent: Int
    let alertsAccepted: Int
    let alertsPerSecond: Double
    let requestsPerSecond: Double
    let latencyMs: LatencySummary
    let latencyFrom: String
    let transportErrors: Int
    let statusErrors: [String: Int]
    let sampleErrors: [String]
}
