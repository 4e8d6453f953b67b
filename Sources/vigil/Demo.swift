import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import VigilConfig
import VigilCore
import VigilServer

/// `vigil demo`: Vigil on its embedded defaults watching a small demo service; a fault is injected (the service's
/// spool fills up) and the whole loop runs live — detection, diagnosis, plan with its dry run, approval (a
/// self-healing policy, or you with `--manual`), execution, verification, resolution — then Vigil keeps serving.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a demo service, break it, and see Vigil detect, diagnose, fix and verify — then keep serving.")

    @OptionGroup var options: ServerOptions

    @Flag(help: "Exit after the story instead of serving on.")
    var once = false

    @Flag(help: "Leave the approval to you (vigil plans approve ID) instead of the demo's self-healing policy.")
    var manual = false

    @Option(help: "Write the story's timings as JSON to this file (the remediation benchmark reads it).")
    var report: String?

    func run() async throws {
        let base0 = try options.load()
        let dataDir = options.dataDir ?? (options.config == nil ? "./data-demo" : base0.storage.dataDir)
        let setup = try DemoSetup(dataDir: URL(fileURLWithPath: dataDir).standardized.path, host: base0.server.host,
                                  port: base0.server.port, manual: manual)
        let config: VigilConfiguration
        do { config = try ConfigLoader.load(path: setup.configPath, environment: [:]) } catch {
            throw ValidationError(error.description)
        }
        let logger = LogSetup.bootstrap(config.logging)
        let adminKey = ProcessInfo.processInfo.environment["VIGIL_ADMIN_KEY"] ?? Authenticator.newSecret()
        setenv("VIGIL_ADMIN_KEY", adminKey, 1)
        let service = try setup.startService()
        defer { service.terminate() }
        let base = "http://\(config.server.host == "0.0.0.0" ? "127.0.0.1" : config.server.host):\(config.server.port)"
        let (once, manual, report) = (self.once, self.manual, self.report)
        try await VigilRuntime.run(config: config, logger: logger) {
            let story = DemoStory(api: APIClient(base: base, key: adminKey), setup: setup, manual: manual)
            let timings = try await story.play()
            if let report {
                let data = try JSONSerialization.data(withJSONObject: timings, options: [.sortedKeys, .prettyPrinted])
                try data.write(to: URL(fileURLWithPath: report))
            }
            story.say("""

                Vigil is serving at \(base) (config \(setup.configPath)). Try:
                  curl -H 'Authorization: Bearer \(adminKey)' \(base)/api/v1/plans
                  curl -H 'Authorization: Bearer \(adminKey)' \(base)/api/v1/incidents
                  VIGIL_API_KEY=\(adminKey) vigil plans list --server \(base)
                  curl \(base)/metrics
                """)
            if !once { try await gracefulShutdown() }
        }
    }
}

/// The demo's files: the service's directory, its runbook, the automation rule and Vigil's configuration, all
/// written under the data directory so they can be read afterwards.
struct DemoSetup {
    let dataDir: String
    let serviceDir: String
    let servicePort: Int
    let configPath: String
    let binary: String

    init(dataDir: String, host: String, port: Int, manual: Bool) throws {
        let fm = FileManager.default
        self.dataDir = dataDir
        serviceDir = dataDir + "/demo-shop"
        try? fm.removeItem(atPath: serviceDir)
        for d in [dataDir, serviceDir, dataDir + "/runbooks"] { try fm.createDirectory(atPath: d, withIntermediateDirectories: true) }
        binary = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardized.path
        servicePort = try Self.freePort()
        configPath = dataDir + "/demo.yaml"
        try """
            # The demo's runbook: archive the spool's finished exports (undone by restoring them).
            runbooks:
              - name: demo-archive-spool
                description: Move finished exports out of the demo service's full spool.
                match: {causes: [disk_full]}
                steps:
                  - executor: command
                    target: "{{hosts}}"
                    action: "\(binary) demo-service cleanup --dir \(serviceDir)"
                    risk: reversible
                    timeout: 30s
                    rollback:
                      executor: command
                      target: "{{hosts}}"
                      action: "\(binary) demo-service restore --dir \(serviceDir)"
                      risk: reversible
                verify:
                  alerts: [AutomationRuleFiring]
                  matchers: ['service="demo-shop"']
                  window: 10s
            """.write(toFile: dataDir + "/runbooks/demo.yaml", atomically: true, encoding: .utf8)
        try """
            rules:
              - name: Demo spool almost full
                condition: "demo_spool_used_ratio > 0.9 for 4 seconds"
                action: free_disk
                confidence_threshold: 0.5
                cooldown: 60
                severity: critical
                labels: {service: demo-shop, host: localhost}
            """.write(toFile: dataDir + "/rules.yaml", atomically: true, encoding: .utf8)
        let policy = manual ? "policies: []" : """
            policies:
              - {name: demo-auto-heal, max_risk: reversible, min_confidence: 0, cooldown: 1m, max_runs_per_host_per_hour: 5}
            """
        try """
            # Written by `vigil demo`: Vigil watching the demo service `demo-shop`.
            server: {host: '\(host)', port: \(port)}
            storage: {data_dir: '\(dataDir)'}
            correlation: {group_wait: 0s}
            metrics:
              host: {enabled: false}
              scrape:
                - {name: demo-shop, url: 'http://127.0.0.1:\(servicePort)/metrics', interval: 2s, timeout: 1s}
            ingest:
              files:
                - {path: '\(serviceDir)/service.log', service: demo-shop, host: localhost, start_at: end}
            automation: {interval: 1s, rules_file: '\(dataDir)/rules.yaml'}
            topology:
              services:
                - {name: demo-shop, kind: app, hosts: [localhost]}
            diagnosis: {debounce: 2s}
            remediation: {runbook_dirs: ['\(dataDir)/runbooks']}
            executors:
              command: {allow: ['\(binary)']}
            \(policy)
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func startService() throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["demo-service", "serve", "--port", String(servicePort), "--dir", serviceDir]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0 else { throw ValidationError("no free port for the demo service") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
