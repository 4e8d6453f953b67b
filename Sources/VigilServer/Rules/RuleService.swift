import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigilCore
import VigilDetect

/// Evaluates automation rules every `interval`: gathers exactly the inputs the rules need
/// (metric history, forecasts, Prometheus), advances each rule's state machine, records
/// decisions, and hands firing rules' alerts to the incident writer. The action itself is
/// requested, not carried out here (remediation does that, under approval or policy).
public final class RuleService: Service, Sendable {
    let store: any RuleStore & AnomalyStore
    let inputs: StoreRuleInputs
    let alerts: any AlertSink
    let clock: any WallClock
    let logger: Logger
    let interval: Duration
    let fileRules: [AutomationRule]
    private let engine = Mutex(RuleEngine())

    init(store: any RuleStore & AnomalyStore, inputs: StoreRuleInputs, alerts: any AlertSink, clock: any WallClock,
         logger: Logger, interval: Duration, fileRules: [AutomationRule]) {
        self.store = store
        self.inputs = inputs
        self.alerts = alerts
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.fileRules = fileRules
    }

    public func run() async throws {
        try await load()
        try await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        while !Task.isCancelled {
            await tick()
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }

    /// Rules from the file first, then those created through the API (which win on the same id).
    func load() async throws {
        let stored = try await store.automationRules()
        try engine.withLock { e throws(ConditionParseError) in
            for r in fileRules + stored { try e.upsert(r) }
        }
        logger.info("automation rules loaded", metadata: ["rules.count": "\(fileRules.count + stored.count)"])
    }

    /// One evaluation of every rule.
    func tick() async {
        let needed = engine.withLock { $0.inputs }
        let snapshot = await RuleInputSnapshot.gather(needed, from: inputs)
        let now = clock.now()
        let result = engine.withLock { $0.tick(now: now, inputs: snapshot) }
        do {
            try await store.recordDecisions(result.decisions)
            try await store.recordAnomalies(result.anomalies)
        } catch {
            logger.error("recording rule decisions failed", metadata: ["error": "\(error)"])
        }
        for d in result.decisions {
            logger.notice("rule decision", metadata: ["rule.id": "\(d.ruleID)", "rule.acted": "\(d.acted)",
                                                      "rule.confidence": "\(d.confidence)", "rule.action": "\(d.action)"])
        }
        alerts.forward(result.alerts)
    }

    /// Adds or replaces a rule (the condition is parsed first: a bad one changes nothing).
    func upsert(_ rule: AutomationRule) async throws {
        var probe = RuleEngine()
        try probe.upsert(rule)
        try await store.saveRule(rule, at: clock.now())
        try engine.withLock { e throws(ConditionParseError) in try e.upsert(rule) }
    }

    func remove(id: String) async throws -> Bool {
        let existed = try await store.deleteRule(id: id)
        let inEngine = engine.withLock { $0.remove(id: id) }
        return existed || inEngine
    }

    var rules: [(rule: AutomationRule, state: RuleState?)] {
        engine.withLock { e in e.rules.map { ($0, e.state(of: $0.id)) } }
    }

    /// Replays one rule over the last `window` of metric history (a step per `step`), then evaluates it
    /// now, without acting or changing its state. Current values come from history at each step; growth,
    /// predictions and PromQL are read once, now.
    func test(_ rule: AutomationRule, window: TimeInterval = 3600, step: TimeInterval = 60) async throws -> RuleBacktest {
        var probe = RuleEngine()
        try probe.upsert(rule)
        let now = clock.now()
        let latest = await RuleInputSnapshot.gather(probe.inputs, from: inputs)
        let steps = Int(window / step)
        var base = latest
        base.currents = [:]
        var history: [(time: Date, inputs: RuleInputSnapshot)] = (0...steps).map { i in
            (time: now - Double(steps - i) * step, inputs: base)
        }
        for case .current(let selector) in probe.inputs {
            guard let info = await inputs.series(selector),
                  let points = try? await inputs.store.metricRange(MetricRangeQuery(series: info.series, start: now - window,
                                                                                     end: now)) else { continue }
            var j = 0
            var value: Double?
            for i in history.indices {
                while j < points.count, points[j].time <= history[i].time {
                    value = points[j].sum / Double(max(points[j].count, 1))
                    j += 1
                }
                history[i].inputs.currents[selector] = value
            }
        }
        history[history.count - 1].inputs = latest
        return try RuleBacktest(rule, over: history)
    }
}
