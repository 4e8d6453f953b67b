import Foundation

/// A real `prometheus-node-exporter` on a free port.
final class NodeExporterPeer: @unchecked Sendable {
    let port: Int
    let process: ManagedProcess
    var address: String { "127.0.0.1:\(port)" }

    static func start(in workspace: Workspace) async throws -> NodeExporterPeer {
        let port = try FreePort.next()
        let p = try workspace.launch("node-exporter", E2EEnvironment.nodeExporterBinary, [
            "--web.listen-address=127.0.0.1:\(port)",
            "--collector.textfile.directory=\(try workspace.directory("textfile").path)",
        ])
        try await waitServing(p, "http://127.0.0.1:\(port)/metrics", in: workspace)
        return NodeExporterPeer(port: port, process: p)
    }

    private init(port: Int, process: ManagedProcess) {
        self.port = port
        self.process = process
    }
}

/// A real Prometheus that scrapes the given targets as job `node` every second (no rules, no alerting).
final class ScrapingPrometheusPeer: @unchecked Sendable {
    let port: Int
    let process: ManagedProcess
    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start(in workspace: Workspace, nodeTargets: [String]) async throws -> ScrapingPrometheusPeer {
        let port = try FreePort.next()
        let config = """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: [\(nodeTargets.map { "'\($0)'" }.joined(separator: ", "))]
            """
        let configFile = try workspace.write(config, to: "prometheus-scrape.yml")
        let tsdb = try workspace.directory("prometheus-scrape-data")
        let p = try workspace.launch("prometheus", E2EEnvironment.prometheusBinary, [
            "--config.file=\(configFile.path)", "--storage.tsdb.path=\(tsdb.path)",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=info",
        ])
        try await waitServing(p, "http://127.0.0.1:\(port)/-/ready", in: workspace)
        return ScrapingPrometheusPeer(port: port, process: p)
    }

    private init(port: Int, process: ManagedProcess) {
        self.port = port
        self.process = process
    }
}

/// Waits until `url` answers 200, failing early if the process exits.
func waitServing(_ process: ManagedProcess, _ url: String, in workspace: Workspace, timeout: Duration = .seconds(60)) async throws {
    let http = HTTP(baseURL: "", timeout: .seconds(2))
    _ = try await eventually("\(process.name) serving \(url)", timeout: timeout, interval: .milliseconds(100),
                             diagnostics: { workspace.diagnostics() }) { () async throws -> Bool? in
        guard process.isRunning else { throw ProcessError(description: "\(process.name) exited early") }
        return try await http.get(url).status == 200 ? true : nil
    }
}
