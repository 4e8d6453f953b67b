import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import VigilConfig
import VigilCore
import VigilCorrelate
import VigilDetect
import VigilIngest
import VigilExecutors
import VigilLLM
import VigilNotify
import VigilRemediate
import VigilStore

/// The one place the stages are wired together. Reading top to bottom:
/// signals in (HTTP ingest) → correlate (IncidentWriter) → store → notify (outbox delivery).
public struct Pipeline {
    public let store: any Store
    public let writer: IncidentWriter
    public let logWriter: LogWriter
    /// Feeds alerts Vigil raises itself (anomalies) into the incident writer.
    public let forwarder: AlertForwarder
    /// Present when `ingest.syslog` names an address.
    public let syslog: SyslogListener?
    /// Present when `ingest.files` lists any.
    public let tailer: FileTailer?
    /// Automation rules and forecasts; present when `automation.enabled`.
    public let rules: RuleService?
    public let predictions: PredictionService?
    public let delivery: OutboxDeliveryService
    /// ① metrics: the single writer of samples, and the sources feeding it.
    public let metricWriter: MetricWriter
    /// Present when `metrics.host.enabled` (the default).
    public let hostCollector: HostCollectorService?
    /// Present when `metrics.scrape` lists targets.
    public let scraper: ScrapeService?
    /// Present when `metrics.prometheus.url` is set.
    public let prometheus: PrometheusClient?
    /// ④ diagnose: analyses incidents as they open and grow; present when `diagnosis.auto`.
    public let diagnosis: DiagnosisService?
    /// ⑤–⑧ plan, approve, execute, verify.
    public let remediation: RemediationService
    public let router: Router<VigilRequestContext>
    public let metrics: VigilMetrics
    public let authenticator: Authenticator

    /// Builds every part from the configuration. Nothing runs until the services do.
    /// `metricObservers` see every committed batch of samples (the hook for metric detectors).
    /// `scrapeTransport` fetches scrape targets (a larger response limit than notifications need).
    public init(config: VigilConfiguration, store: any Store & LogStore & MetricStore & AnomalyStore & RuleStore & DiagnosisStore & PlanStore & SettingsStore & LLMCache,
                clock: any WallClock = SystemClock(), adminKey: String?, transport: any HTTPTransport = AsyncHTTPTransport(),
                logger: Logger, tickInterval: Duration = .seconds(1), deliveryPollInterval: Duration = .milliseconds(500),
                anomalyInterval: Duration = .seconds(10), metricObservers: [any MetricObserver] = [],
                scrapeTransport: any HTTPTransport = AsyncHTTPTransport(maxResponseBytes: 32 << 20),
                runbooks: [Runbook] = [], executors: ExecutorRegistry? = nil,
                remediationInterval: Duration = .seconds(1)) {
        let metrics = VigilMetrics()
        self.metrics = metrics
        self.store = store

        // ⑨ report: notifiers, one registry.
        let notifiers = NotifierRegistry(config.notify.webhooks.map { w in
            WebhookNotifier(config: .init(name: w.name, url: w.url, headers: w.headers, sendResolved: w.sendResolved,
                                          minSeverity: w.minSeverity, timeout: w.timeout.duration), transport: transport)
        })

        // ③ incidents: the single writer that correlates and commits.
        writer = IncidentWriter(store: store, clock: clock, config: config.correlationConfig, notifiers: notifiers,
                                metrics: metrics, logger: logger, maxBatchAlerts: config.ingest.batch.maxAlerts,
                                maxDelay: config.ingest.batch.maxDelay.duration, tickInterval: tickInterval)

        let policy = RetryPolicy(maxAttempts: config.notify.retry.maxAttempts,
                                 initialBackoff: config.notify.retry.initialBackoff.seconds,
                                 maxBackoff: config.notify.retry.maxBackoff.seconds)
        delivery = OutboxDeliveryService(delivery: OutboxDelivery(
            store: store, notifiers: notifiers, policy: policy, clock: AnyClock(clock), pollInterval: deliveryPollInterval,
            logger: logger, onOutcome: { metrics.outbox(channel: $0, state: $1) }))

        // ② logs: receivers → header split → template miner → counts, one writer.
        forwarder = AlertForwarder(writer: writer, logger: logger)
        logWriter = LogWriter(store: store, clock: clock, logger: logger, anomalies: config.logAnomalyConfiguration,
                              anomalyStore: store, alerts: forwarder, evaluationInterval: anomalyInterval,
                              onCommit: { metrics.logsCommitted(lines: $0, templates: $1) },
                              onAnomalies: { metrics.anomaliesOpened($0) })
        let tcp = config.ingest.syslog.tcp.flatMap(IngestSection.SyslogSection.address)
        let udp = config.ingest.syslog.udp.flatMap(IngestSection.SyslogSection.address)
        syslog = (tcp == nil && udp == nil) ? nil
            : SyslogListener(config: .init(tcp: tcp, udp: udp), sink: logWriter, clock: clock, logger: logger)

        tailer = config.ingest.files.isEmpty ? nil : FileTailer(
            sources: config.ingest.files.map {
                .init(path: $0.path, service: $0.serviceName, host: $0.host ?? "", labels: $0.labels, startAtEnd: $0.startAt == .end)
            }, sink: logWriter, store: store, clock: clock, logger: logger)

        // ① metrics: host collector and scrapers → one writer → raw samples + rollups; observers see commits.
        let m = config.metrics
        var observers = metricObservers
        if config.detect.metrics.enabled {
            // ② detect: a SeriesDetector per series; anomalies join incidents through the forwarder.
            var tracker = MetricAnomalyTracker.Configuration()
            tracker.openScore = config.detect.metrics.minScore
            observers.append(MetricAnomalyObserver(store: store, alerts: forwarder, clock: clock, logger: logger,
                                                   configuration: tracker, onOpened: { metrics.anomaliesOpened($0) }))
        }
        metricWriter = MetricWriter(store: store, clock: clock, logger: logger, retention: m.retention.retention,
                                    observers: observers, onCommit: { metrics.metricSamplesCommitted($0) })
        hostCollector = m.host.enabled
            ? HostCollectorService(processes: m.host.processes, interval: m.host.interval.duration, sink: metricWriter,
                                   clock: clock, logger: logger)
            : nil
        scraper = m.scrape.isEmpty ? nil : ScrapeService(
            targets: m.scrape.map {
                .init(name: $0.name, url: $0.url, interval: $0.interval.duration, timeout: $0.timeout.duration,
                      sampleLimit: $0.sampleLimit)
            },
            transport: scrapeTransport, sink: metricWriter, clock: clock, logger: logger)
        prometheus = m.prometheus.url.map { PrometheusClient(baseURL: $0, transport: transport, timeout: m.prometheus.timeout.duration) }

        // ② detect: automation rules over metric history, forecasts and PromQL; exhaustion forecasts.
        if config.automation.enabled {
            let inputs = StoreRuleInputs(store: store, prometheus: prometheus, clock: clock)
            rules = RuleService(store: store, inputs: inputs, alerts: forwarder, clock: clock, logger: logger,
                                interval: config.automation.interval.duration, fileRules: config.automation.fileRules)
            predictions = PredictionService(store: store, alerts: forwarder, clock: clock, logger: logger,
                                            horizon: config.automation.predictionHorizon.seconds)
        } else {
            rules = nil
            predictions = nil
        }

        // ⑤–⑧ remediation: runbooks → plan → safety checks and dry run → policy or person → executors → verification.
        let writer = self.writer
        let plans = PlanService(
            store: store, runbooks: runbooks,
            validator: PlanValidator(parser: PlaybookYAML(), rules: config.remediation.safetyRules),
            executors: executors ?? ExecutorFactory.make(config.executors, transport: transport, redact: { $0 }, logger: logger),
            policies: config.policies.map(\.policy),
            approvals: (config.remediation.approvalExpiry.seconds, config.remediation.destructiveApprovals),
            topology: config.topology.nodes, clock: clock, logger: logger, alerts: forwarder,
            steps: StepRunner(store: store, clock: clock, grace: config.executors.grace.seconds),
            resolveIncident: { id, by in _ = try await writer.submit(.incident(.resolve(incidentID: id, by: by))) })
        let breakers: @Sendable () -> [CircuitBreakerSnapshot]
        remediation = RemediationService(plans: plans, interval: remediationInterval, clock: clock, logger: logger)

        // ④ diagnose: evidence from the store → deterministic ranking (→ a model's explanation when configured).
        var analyzer = IncidentAnalyzer(
            store: store,
            collector: EvidenceCollector(store: store, topology: config.topology.nodes,
                                         lookback: config.diagnosis.lookback.seconds, maxSeries: config.diagnosis.maxSeries,
                                         retention: m.retention.retention),
            clock: clock, logger: logger, metrics: metrics)
        if let llm = Self.languageModel(config, cache: store, clock: clock, logger: logger) {
            let writer = ExplanationWriter(model: llm.model, budget: TokenBudget(tokens: config.llm.tokenBudget))
            analyzer.explainer = { diagnosis, _ in
                let outcome = await writer.explain(diagnosis)
                return .init(diagnosis: outcome.diagnosis, summary: outcome.summary, note: outcome.fallbackReason)
            }
            breakers = { llm.chain.breakerSnapshots() }
        } else {
            breakers = { [] }
        }
        analyzer.afterAnalysis = { incident, diagnosis in
            guard incident.status.isActive else { return }
            do { _ = try await plans.propose(incident: incident, diagnosis: diagnosis, by: PlanRunMachine.system) } catch {
                logger.warning("planning failed", metadata: ["plan.incident": "\(incident.id)", "plan.error": "\(error)"])
            }
        }
        diagnosis = config.diagnosis.auto
            ? DiagnosisService(analyzer: analyzer, debounce: config.diagnosis.debounce.seconds, clock: clock, logger: logger)
            : nil

        // ① signals in and the API.
        authenticator = Authenticator(store: store, adminKey: adminKey, ingestTokens: config.ingest.tokens)
        let limits = IngestLimits(maxBodyBytes: config.ingest.maxBodyBytes.bytes,
                                  maxAlertsPerRequest: config.ingest.maxAlertsPerRequest,
                                  maxLabelsPerAlert: config.ingest.maxLabelsPerAlert)
        let api = APIContext(store: store, writer: writer, clock: clock, metrics: metrics, limits: limits)
        let predictionService = predictions
        let automation = rules.map { RuleRoutes(service: $0, store: store, predictions: predictionService) }
        router = Self.makeRouter(api: api, logs: LogRoutes(sink: logWriter, store: store, clock: clock, limits: LogLimits()),
                                 anomalies: AnomalyRoutes(store: store),
                                 automation: automation,
                                 diagnosis: DiagnosisRoutes(store: store, analyzer: analyzer, clock: clock,
                                                            maxBodyBytes: limits.maxBodyBytes),
                                 insights: InsightRoutes(store: store, predictions: predictionService, clock: clock,
                                                         breakers: breakers),
                                 plans: PlanRoutes(plans: plans, store: store, automation: AutomationSwitch(store: store, clock: clock)),
                                 metrics: MetricRoutes(sink: metricWriter, store: store, clock: clock, limits: limits,
                                                       retention: m.retention.retention),
                                 authenticator: authenticator,
                                 limiter: RateLimiter(ratePerSecond: config.security.rateLimitPerSecond,
                                                      burst: config.security.rateLimitBurst), clock: clock)
    }

    static func makeRouter(api: APIContext, logs: LogRoutes, anomalies: AnomalyRoutes, automation: RuleRoutes?,
                           diagnosis: DiagnosisRoutes, insights: InsightRoutes, plans: PlanRoutes, metrics: MetricRoutes,
                           authenticator: Authenticator, limiter: RateLimiter,
                           clock: any WallClock) -> Router<VigilRequestContext> {
        let router = Router(context: VigilRequestContext.self)
        router.add(middleware: ErrorAndMetricsMiddleware(metrics: api.metrics))
        HealthRoutes(api: api).register(on: router)
        router.get("api/v1/openapi.json") { _, _ in
            JSONResponse.text(OpenAPIDocument.json(), contentType: "application/json")
        }

        let ingestAuth = IngestAuthMiddleware(authenticator: authenticator)
        IngestRoutes(api: api).register(on: router.group("api/v1").add(middleware: ingestAuth),
                                        v2: router.group("api/v2").add(middleware: ingestAuth))
        logs.register(loki: router.group("loki/api/v1").add(middleware: ingestAuth),
                      v1: router.group("api/v1").add(middleware: ingestAuth))
        metrics.register(ingest: router.group("api/v1").add(middleware: ingestAuth))
        diagnosis.register(ingest: router.group("api/v1").add(middleware: ingestAuth))

        let v1 = router.group("api/v1").add(middleware: APIKeyMiddleware(authenticator: authenticator, limiter: limiter, clock: clock))
        IncidentRoutes(api: api).register(on: v1)
        SilenceRoutes(api: api).register(on: v1)
        AdminRoutes(api: api).register(on: v1)
        logs.registerQueries(on: v1)
        anomalies.register(on: v1)
        automation?.register(on: v1)
        metrics.registerQueries(on: v1)
        diagnosis.register(on: v1)
        insights.register(on: v1)
        plans.register(on: v1)
        return router
    }

    /// Every long-running part except HTTP, in start order (shutdown runs in reverse).
    public var services: [any Service] {
        var list: [any Service] = [writer, forwarder, logWriter, metricWriter, delivery]
        if let syslog { list.append(syslog) }
        if let tailer { list.append(tailer) }
        if let hostCollector { list.append(hostCollector) }
        if let scraper { list.append(scraper) }
        if let rules { list.append(rules) }
        if let predictions { list.append(predictions) }
        if let diagnosis { list.append(diagnosis) }
        list.append(remediation)
        return list
    }

    /// The HTTP application; run it with the other services in one `ServiceGroup`.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "vigil"),
                    logger: logger)
    }
}

/// Runs outbox delivery as a lifecycle service.
public struct OutboxDeliveryService: Service {
    let delivery: OutboxDelivery<AnyClock>

    init(delivery: OutboxDelivery<AnyClock>) { self.delivery = delivery }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await delivery.run() }
    }
}

/// A type-erased `WallClock`.
public struct AnyClock: WallClock {
    let base: any WallClock
    public init(_ base: any WallClock) { self.base = base }
    public func now() -> Date { base.now() }
    public func sleep(for duration: Duration) async throws { try await base.sleep(for: duration) }
}

extension Pipeline {
    /// The configured language models behind a cache, a fallback chain and breakers; nil without providers.
    static func languageModel(_ config: VigilConfiguration, cache: any LLMCache, clock: any WallClock, logger: Logger) -> LLMStack? {
        guard !config.llm.providers.isEmpty else { return nil }
        guard let redactor = try? config.llm.redactor() else {
            logger.error("llm.redact_patterns do not compile; language models stay off")
            return nil
        }
        logger.info("language models configured", metadata: [
            "llm.providers": "\(config.llm.providers.map(\.settings.qualifiedModel).joined(separator: ","))"])
        return LLMStack(providers: config.llm.providers.map(\.settings), breaker: config.llm.breakerSettings,
                        retry: config.llm.retryPolicy, cacheTTLs: config.llm.cacheTTLs, redactor: redactor, cache: cache,
                        transport: AsyncHTTPTransport(maxResponseBytes: 4 << 20), clock: clock)
    }
}

extension VigilConfiguration {
    /// The log anomaly detector's settings, or nil when `detect.logs.enabled` is off.
    var logAnomalyConfiguration: LogAnomalyConfiguration? {
        guard detect.logs.enabled else { return nil }
        var c = LogAnomalyConfiguration.default
        c.learningPeriod = detect.logs.learningPeriod.seconds
        c.newTemplateMinScore = detect.logs.newTemplateMinScore
        return c
    }
}
