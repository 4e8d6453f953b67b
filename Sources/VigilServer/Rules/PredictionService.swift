import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigilCore
import VigilDetect

/// Forecasts every stored series that has a natural limit (filesystem and inode use, memory,
/// swap: ratios that cannot pass 1) from its history, every `interval`. A series forecast to
/// reach its limit within `horizon` becomes a `forecast`/`exhaustion` anomaly whose alert
/// opens a warning incident before anything breaks.
public final class PredictionService: Service, Sendable {
    public struct Prediction: Sendable, Encodable {
        public var series: String
        public var service: String
        public var host: String?
        public var current: Double
        public var limit: Double
        /// Seconds until the limit, with the 80% interval; nil when the trend is flat or falling.
        public var etaSeconds: Double?
        public var lowerSeconds: Double?
        public var upperSeconds: Double?
        public var at: Date?
        public var summary: String
        public var warning: Bool
    }

    static let limited = ["host_filesystem_used_ratio", "host_filesystem_inodes_used_ratio",
                          "host_memory_used_ratio", "host_swap_used_ratio"]

    let store: any MetricStore & AnomalyStore
    let alerts: any AlertSink
    let clock: any WallClock
    let logger: Logger
    let horizon: TimeInterval
    let interval: Duration
    private let latest = Mutex<[Prediction]>([])

    init(store: any MetricStore & AnomalyStore, alerts: any AlertSink, clock: any WallClock, logger: Logger,
         horizon: TimeInterval, interval: Duration = .seconds(300)) {
        self.store = store
        self.alerts = alerts
        self.clock = clock
        self.logger = logger
        self.horizon = horizon
        self.interval = interval
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: interval) } catch { return }
            await refresh()
        }
    }

    /// The last computed predictions.
    var current: [Prediction] { latest.withLock { $0 } }

    /// Forecasts every limited series now; records and forwards warnings.
    @discardableResult
    func refresh() async -> [Prediction] {
        let now = clock.now()
        var out: [Prediction] = []
        var warnings: [Anomaly] = []
        for name in Self.limited {
            let series = (try? await store.metricSeries(MetricSeriesQuery(name: name, limit: 1000))) ?? []
            for info in series {
                guard let f = await StoreRuleInputs.forecaster(store: store, series: info.series, now: now) else { continue }
                let host = info.series.labels["host"] ?? info.series.labels["instance"]
                let service = info.series.labels["service"] ?? host ?? "host"
                let subject = info.series.description
                var p = Prediction(series: subject, service: service, host: host, current: info.lastValue, limit: 1,
                                   summary: "not rising towards its limit", warning: false)
                if let e = f.exhaustion(of: .above(1)) {
                    p.etaSeconds = e.eta
                    p.lowerSeconds = e.lower
                    p.upperSeconds = e.upper
                    p.at = e.at
                    p.summary = "\(subject) \(e.summary)"
                    if let a = ExhaustionWarning.anomaly(subject: subject, service: service, host: host, exhaustion: e,
                                                         horizon: horizon, now: now) {
                        p.warning = true
                        warnings.append(a)
                    }
                }
                out.append(p)
            }
        }
        latest.withLock { $0 = out }
        if !warnings.isEmpty {
            do { try await store.recordAnomalies(warnings) } catch {
                logger.error("recording exhaustion warnings failed", metadata: ["error": "\(error)"])
            }
            alerts.forward(warnings.map { $0.asAlert(at: now, holdFor: interval.timeInterval * 3) })
        }
        return out
    }
}
