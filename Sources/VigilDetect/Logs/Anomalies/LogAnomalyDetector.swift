import Foundation
import VigilCore

/// Lines of one template from one service since the last call, as the log writer saw them.
public struct LogObservation: Sendable, Hashable {
    public var templateID: UInt32
    public var service: String
    public var host: String
    public var lines: Int
    /// Lines at level `error` or worse (or, without a level, with failure words).
    public var errorLines: Int
    /// Set when the miner created the template in this batch: its level and text.
    public var newTemplate: NewTemplate?

    public struct NewTemplate: Sendable, Hashable {
        public var level: String?
        public var template: String
        public init(level: String?, template: String) {
            self.level = level
            self.template = template
        }
    }

    public init(templateID: UInt32, service: String, host: String = "", lines: Int, errorLines: Int = 0,
                newTemplate: NewTemplate? = nil) {
        self.templateID = templateID
        self.service = service
        self.host = host
        self.lines = lines
        self.errorLines = errorLines
        self.newTemplate = newTemplate
    }
}

/// What changed since the last report: anomalies opened and closed, and every one still open.
public struct LogAnomalyReport: Sendable {
    public var opened: [Anomaly] = []
    public var closed: [Anomaly] = []
    public var open: [Anomaly] = []
    public var isEmpty: Bool { opened.isEmpty && closed.isEmpty && open.isEmpty }
    public init() {}
}

/// Turns per-minute template counts into log anomalies: new templates,
/// rate spikes and drops against each series' own (hour-of-day aware)
/// baseline with an overdispersed Poisson test, a service's error share
/// jumping (binomial test), and a regular sparse template going silent.
///
/// Pure and causal: time comes in as arguments (the minute of arrival),
/// and a minute is judged only once it has closed.
public struct LogAnomalyDetector: Sendable, Codable {
    struct SeriesKey: Hashable, Sendable, Codable {
        let template: UInt32
        let service: String
    }

    struct OpenKey: Hashable, Sendable, Codable {
        let kind: Anomaly.Kind
        let service: String
        let subject: String
    }

    public private(set) var configuration: LogAnomalyConfiguration
    var series: [SeriesKey: CountSeries] = [:]
    var services: [String: CountSeries] = [:]
    var serviceFirstMinute: [String: Int64] = [:]
    var open: [OpenKey: Anomaly] = [:]
    var currentMinute: Int64?
    var resumedMinute: Int64 = 0
    var report = LogAnomalyReport()

    enum CodingKeys: String, CodingKey {
        case configuration, series, services, serviceFirstMinute, open, currentMinute, resumedMinute
    }

    public init(configuration: LogAnomalyConfiguration = .default) {
        self.configuration = configuration
    }

    /// The same baselines under another configuration (a restart with a changed config file).
    public func reconfigured(_ configuration: LogAnomalyConfiguration) -> LogAnomalyDetector {
        var copy = self
        copy.configuration = configuration
        return copy
    }

    /// Series tracked (template × service).
    public var seriesCount: Int { series.count }
    public var openAnomalies: [Anomaly] { Array(open.values) }

    static func minute(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 60).rounded(.down)) }

    /// Counts a batch as arriving at `now`; a never-seen template from a service past its learning period opens an anomaly.
    public mutating func observe(_ observations: [LogObservation], at now: Date) {
        let m = Self.minute(now)
        advance(to: m, now: now)
        for o in observations where o.lines > 0 {
            let key = SeriesKey(template: o.templateID, service: o.service)
            series[key, default: CountSeries(minute: m)].pending += Double(o.lines)
            if !o.host.isEmpty { series[key]?.host = o.host }
            services[o.service, default: CountSeries(minute: m)].pending += Double(o.lines)
            services[o.service]?.pendingErrors += Double(o.errorLines)
            let first = serviceFirstMinute[o.service] ?? m
            serviceFirstMinute[o.service] = first
            if let new = o.newTemplate, Double(m - first) * 60 >= configuration.learningPeriod {
                reportNewTemplate(o, new, now: now)
            }
        }
        if series.count > configuration.maxSeries + configuration.maxSeries / 10 { evict(minute: m) }
    }

    /// Closes every minute before `now`'s, runs the tests, and returns what changed since the last report.
    public mutating func evaluate(at now: Date) -> LogAnomalyReport {
        advance(to: Self.minute(now), now: now)
        for (key, a) in open where a.kind == .newTemplate
            && now.timeIntervalSince(a.detectedAt) >= configuration.newTemplateHold {
            close(key, at: now)
        }
        var out = report
        out.open = Array(open.values).sorted { $0.detectedAt < $1.detectedAt }
        report = LogAnomalyReport()
        return out
    }

    /// The miner folded `absorbed` into `survivor`: their counts continue as one series.
    public mutating func merge(_ absorbed: UInt32, into survivor: UInt32, at now: Date) {
        for key in series.keys where key.template == absorbed {
            guard let old = series.removeValue(forKey: key) else { continue }
            let target = SeriesKey(template: survivor, service: key.service)
            if var s = series[target] {
                s.absorb(old)
                series[target] = s
            } else {
                series[target] = old
            }
            closeAll(service: key.service, subject: Self.subject(absorbed), at: now)
        }
    }

    /// The miner dropped a template: forget its series.
    public mutating func forget(_ template: UInt32, at now: Date) {
        for key in series.keys where key.template == template {
            series[key] = nil
            closeAll(service: key.service, subject: Self.subject(template), at: now)
        }
    }

    static func subject(_ template: UInt32) -> String { "template:\(template)" }

    // MARK: - Minutes

    private mutating func advance(to m: Int64, now: Date) {
        guard let current = currentMinute else {
            currentMinute = m
            return
        }
        guard m > current else { return }
        closeMinute(current, now: now)
        if m - current > Int64(configuration.windowMinutes) {
            // Nobody was counting (a restart, a stall): the window is unknown, so nothing is judged until it refills.
            for i in series.values.indices {
                series.values[i].window.removeAll()
                series.values[i].windowErrors.removeAll()
            }
            for i in services.values.indices {
                services.values[i].window.removeAll()
                services.values[i].windowErrors.removeAll()
            }
            resumedMinute = m
        } else {
            for minute in (current + 1)..<m { closeMinute(minute, now: now) }
        }
        currentMinute = m
        if m / 60 != current / 60 { evict(minute: m) }
    }

    private mutating func closeMinute(_ minute: Int64, now: Date) {
        let hour = Self.hourOfDay(minute)
        for i in series.values.indices {
            let key = series.keys[i]
            let lines = series.values[i].closeMinute(minute, windowSize: configuration.windowMinutes)
            let damped = judgeRate(key, series.values[i], minute: minute, now: now)
            series.values[i].learn(lines: lines, errors: 0, hour: hour, damped: damped)
            judgeHeartbeat(key, series.values[i], lines: lines, minute: minute, now: now)
        }
        for i in services.values.indices {
            let service = services.keys[i]
            let errors = services.values[i].pendingErrors
            let lines = services.values[i].closeMinute(minute, windowSize: configuration.windowMinutes)
            let damped = judgeErrorRatio(service, services.values[i], now: now, minute: minute)
            services.values[i].learn(lines: lines, errors: errors, hour: hour, damped: damped)
        }
    }

    private mutating func evict(minute: Int64) {
        let idleMinutes = Int64(configuration.idleExpiry / 60)
        let busy = Set(open.keys.map { "\($0.service)\u{0}\($0.subject)" })
        series = series.filter { key, s in
            minute - s.lastActiveMinute < idleMinutes || busy.contains("\(key.service)\u{0}\(Self.subject(key.template))")
        }
        if series.count > configuration.maxSeries {
            let keep = series.sorted { $0.value.lastActiveMinute > $1.value.lastActiveMinute }.prefix(configuration.maxSeries)
            series = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
        let liveServices = Set(series.keys.map(\.service))
        services = services.filter { liveServices.contains($0.key) }
    }
}
