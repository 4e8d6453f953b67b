import Foundation

/// `vigil serve` on a free port with its own data dir and a random bootstrap admin key.
final class VigilServer: @unchecked Sendable {
    let workspace: Workspace
    let port: Int
    let dataDir: URL
    let adminKey: String
    let configFile: URL?
    private let lock = NSLock()
    private var current: ManagedProcess?
    private var starts = 0

    var process: ManagedProcess? { lock.withLock { current } }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Ingest routes (open when no ingest tokens are configured).
    var ingest: HTTP { HTTP(baseURL: baseURL, bearer: nil) }
    /// Everything else, with the admin key.
    var admin: HTTP { HTTP(baseURL: baseURL, bearer: adminKey) }

    init(workspace: Workspace, port: Int? = nil, dataDir: URL? = nil, config: String? = nil) throws {
        self.workspace = workspace
        self.port = try port ?? FreePort.next()
        self.dataDir = try dataDir ?? workspace.directory("vigil-data")
        self.adminKey = "e2e-admin-" + UUID().uuidString.lowercased()
        self.configFile = try config.map { try workspace.write($0, to: "vigil.yml") }
    }

    /// Starts (or restarts) the server and waits for `GET /health` → 200.
    static func start(in workspace: Workspace, config: String? = nil) async throws -> VigilServer {
        let server = try VigilServer(workspace: workspace, config: config)
        try await server.start()
        return server
    }

    func start(readyTimeout: Duration = .seconds(60)) async throws {
        var args = ["serve", "--host", "127.0.0.1", "--port", String(port), "--data-dir", dataDir.path]
        if let configFile { args += ["--config", configFile.path] }
        let p = try workspace.launch(
            "vigil", E2EEnvironment.vigilBinary, args, environment: ["VIGIL_ADMIN_KEY": adminKey])
        lock.withLock { current = p; starts += 1 }
        let http = HTTP(baseURL: baseURL, timeout: .seconds(2))
        let workspace = self.workspace
        _ = try await eventually("vigil /health → 200 on port \(port)", timeout: readyTimeout,
                                 interval: .milliseconds(100), diagnostics: { workspace.diagnostics() }) {
            () async throws -> Bool? in
            guard p.isRunning else {
                throw ProcessError(description: "vigil exited with status \(p.terminationStatus ?? -1) before it was ready")
            }
            let r = try await http.get("/health")
            return r.status == 200 ? true : nil
        }
    }

    func kill9() { process?.kill9() }

    @discardableResult
    func stop() -> Int32? { process?.stop() }
}

/// A real Alertmanager with a single route (`group_wait: 0s`) and one webhook receiver.
final class AlertmanagerPeer: @unchecked Sendable {
    let port: Int
    let process: ManagedProcess
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var api: HTTP { HTTP(baseURL: baseURL) }
    var address: String { "127.0.0.1:\(port)" }

    /// `webhookURL` nil → a receiver with no integrations (the "null" receiver).
    static func start(in workspace: Workspace, webhookURL: String?) async throws -> AlertmanagerPeer {
        let port = try FreePort.next()
        let receiver: String
        if let webhookURL {
            receiver = """
                  - name: main
                    webhook_configs:
                      - url: \(webhookURL)
                        send_resolved: true
                        max_alerts: 0
                """
        } else {
            receiver = "  - name: main\n"
        }
        let config = """
            route:
              receiver: main
              group_by: [alertname]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
            \(receiver)
            """
        let file = try workspace.write(config, to: "alertmanager.yml")
        let storage = try workspace.directory("alertmanager-data")
        let p = try workspace.launch("alertmanager", E2EEnvironment.alertmanagerBinary, [
            "--config.file=\(file.path)",
            "--storage.path=\(storage.path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--cluster.listen-address=",
            "--log.level=info",
        ])
        let peer = AlertmanagerPeer(port: port, process: p)
        try await peer.waitReady(workspace)
        return peer
    }

    private init(port: Int, process: ManagedProcess) {
        self.port = port
        self.process = process
    }

    private func waitReady(_ workspace: Workspace) async throws {
        let http = HTTP(baseURL: baseURL, timeout: .seconds(2))
        let p = process
        _ = try await eventually("alertmanager /-/ready", timeout: .seconds(60), interval: .milliseconds(100),
                                 diagnostics: { workspace.diagnostics() }) { () async throws -> Bool? in
            guard p.isRunning else { throw ProcessError(description: "alertmanager exited early") }
            return try await http.get("/-/ready").status == 200 ? true : nil
        }
    }

    /// Alerts Alertmanager currently holds (`GET /api/v2/alerts`).
    func alerts() async throws -> [JSON] {
        try await api.getJSON("/api/v2/alerts").array ?? []
    }
}

/// A real Prometheus that scrapes a "toggle" job whose target list is a file_sd file the test
/// rewrites, and evaluates one alert rule `up{job="toggle"} == 1` every second.
///
/// Toggle on: the target list names Prometheus's own address, so `up{job="toggle"}` is 1
/// and the rule fires within ~1–2 s (plus Alertmanager discovery, ~5 s after start).
/// Toggle off: an empty target list; the series goes stale at once and Prometheus sends
/// the alert as resolved (endsAt = now) on the next evaluation.
final class PrometheusPeer: @unchecked Sendable {
    let port: Int
    let process: ManagedProcess
    let alertName: String
    private let workspace: Workspace
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var api: HTTP { HTTP(baseURL: baseURL) }

    static func start(
        in workspace: Workspace, alertName: String, alertmanagers: [String],
        labels: [String: String] = ["severity": "critical", "service": "e2e"]
    ) async throws -> PrometheusPeer {
        let port = try FreePort.next()
        let labelLines = labels.sorted { $0.key < $1.key }
            .map { "          \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        let rules = """
            groups:
              - name: e2e
                interval: 1s
                rules:
                  - alert: \(alertName)
                    expr: up{job="toggle"} == 1
                    labels:
            \(labelLines)
                    annotations:
                      summary: "toggle target {{ $labels.instance }} is up"
            """
        let rulesFile = try workspace.write(rules, to: "rules.yml")
        let targets = workspace.path("toggle-targets.json")
        try Data("[]".utf8).write(to: targets, options: .atomic)
        let amList = alertmanagers.map { "'\($0)'" }.joined(separator: ", ")
        let config = """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: ['\(rulesFile.path)']
            alerting:
              alertmanagers:
                - api_version: v2
                  timeout: 5s
                  static_configs:
                    - targets: [\(amList)]
            scrape_configs:
              - job_name: toggle
                file_sd_configs:
                  - files: ['\(targets.path)']
                    refresh_interval: 1s
            """
        let configFile = try workspace.write(config, to: "prometheus.yml")
        let tsdb = try workspace.directory("prometheus-data")
        let p = try workspace.launch("prometheus", E2EEnvironment.prometheusBinary, [
            "--config.file=\(configFile.path)",
            "--storage.tsdb.path=\(tsdb.path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--rules.alert.resend-delay=1s",
            "--log.level=info",
        ])
        let peer = PrometheusPeer(port: port, process: p, alertName: alertName, workspace: workspace)
        try await peer.waitReady()
        return peer
    }

    private init(port: Int, process: ManagedProcess, alertName: String, workspace: Workspace) {
        self.port = port
        self.process = process
        self.alertName = alertName
        self.workspace = workspace
    }

    private func waitReady() async throws {
        let http = HTTP(baseURL: baseURL, timeout: .seconds(2))
        let p = process
        let workspace = self.workspace
        _ = try await eventually("prometheus /-/ready", timeout: .seconds(60), interval: .milliseconds(100),
                                 diagnostics: { workspace.diagnostics() }) { () async throws -> Bool? in
            guard p.isRunning else { throw ProcessError(description: "prometheus exited early") }
            return try await http.get("/-/ready").status == 200 ? true : nil
        }
    }

    /// Turns the alert rule's condition on or off.
    func setFiring(_ on: Bool) throws {
        let json = on ? "[{\"targets\":[\"127.0.0.1:\(port)\"]}]" : "[]"
        _ = try workspace.write(json, to: "toggle-targets.json")
    }

    /// State of the rule's alert as Prometheus sees it (`GET /api/v1/alerts`): "firing", "pending" or nil.
    func alertState() async throws -> String? {
        let body = try await api.getJSON("/api/v1/alerts")
        let alerts = body["data"]?["alerts"]?.array ?? []
        return alerts.first { $0["labels"]?["alertname"]?.string == alertName }?["state"]?.string
    }
}
