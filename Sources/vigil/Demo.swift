import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import NIOCore
import NIOHTTP1
import VigilConfig
import VigilCore
import VigilServer

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Vigil on its embedded defaults and feed it a small incident story, then keep serving.")

    @OptionGroup var options: ServerOptions

    @Flag(help: "Exit after the story instead of serving on.")
    var once = false

    func run() async throws {
        var config = try options.load()
        if options.dataDir == nil, options.config == nil { config.storage.dataDir = "./data-demo" }
        config.correlation.groupWait = ConfigDuration(seconds: 0)
        let logger = LogSetup.bootstrap(config.logging)
        let adminKey = ProcessInfo.processInfo.environment["VIGIL_ADMIN_KEY"] ?? Authenticator.newSecret()
        setenv("VIGIL_ADMIN_KEY", adminKey, 1)
        let base = "http://\(config.server.host == "0.0.0.0" ? "127.0.0.1" : config.server.host):\(config.server.port)"
        let once = self.once
        try await VigilRuntime.run(config: config, logger: logger) {
            try await DemoStory(base: base, adminKey: adminKey).play()
            if !once { try await gracefulShutdown() }
        }
    }
}


/// A short, realistic story told through the public API.
struct DemoStory {
    let base: String
    let adminKey: String

    func play() async throws {
        try await waitUntilUp()
        let now = Date()
        func alert(_ name: String, _ service: String, _ instance: String, _ severity: String, _ summary: String,
                   ago: TimeInterval) -> [String: Any] {
            ["labels": ["alertname": name, "service": service, "instance": instance, "severity": severity, "job": service],
             "annotations": ["summary": summary],
             "startsAt": RFC3339.format(now.addingTimeInterval(-ago)),
             "generatorURL": "http://prometheus.local/graph"]
        }
        say("1/4  Prometheus sends two latency alerts for checkout and one for its database")
        try await post("/api/v2/alerts", [
            alert("HighLatency", "checkout", "checkout-1:8080", "critical", "p99 latency 2.4 s over 5 m", ago: 120),
            alert("HighLatency", "checkout", "checkout-2:8080", "critical", "p99 latency 2.1 s over 5 m", ago: 90),
            alert("PostgresConnectionsSaturated", "postgres", "db-1:5432", "warning", "95% of max_connections in use", ago: 150),
        ])
        say("2/4  An operator silences the nightly backup for 2 h; its alert is stored but opens nothing")
        try await post("/api/v1/silences", ["matchers": ["service=backup"], "duration": "2h", "createdBy": "demo",
                                            "comment": "known slow during migration"])
        try await post("/api/v2/alerts", [alert("NightlyBackupSlow", "backup", "batch-1:9100", "info",
                                                "backup running 40 m longer than usual", ago: 30)])
        say("3/4  The database alert clears")
        var cleared = alert("PostgresConnectionsSaturated", "postgres", "db-1:5432", "warning", "back to 40%", ago: 150)
        cleared["endsAt"] = RFC3339.format(Date())
        try await post("/api/v2/alerts", [cleared])
        say("4/4  Incidents now:")
        let incidents = try await get("/api/v1/incidents")
        if let items = incidents["items"] as? [[String: Any]] {
            for i in items {
                say("     [\(i["status"] ?? "")] \(i["severity"] ?? "") \(i["title"] ?? "")  (\(i["alertCount"] ?? 0) alert(s), id \(i["id"] ?? ""))")
            }
        }
        say("""

            Vigil is serving at \(base). Try:
              curl -H 'Authorization: Bearer \(adminKey)' \(base)/api/v1/incidents
              curl -H 'Authorization: Bearer \(adminKey)' '\(base)/api/v1/alerts?status=suppressed'
              curl \(base)/metrics
            """)
    }

    func say(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

    func waitUntilUp() async throws {
        for _ in 0..<100 {
            if (try? await request("GET", "/health", nil)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("server did not come up at \(base)")
    }

    @discardableResult
    func post(_ path: String, _ body: Any) async throws -> [String: Any] {
        try await request("POST", path, try JSONSerialization.data(withJSONObject: body))
    }

    func get(_ path: String) async throws -> [String: Any] { try await request("GET", path, nil) }

    func request(_ method: String, _ path: String, _ body: Data?) async throws -> [String: Any] {
        var req = HTTPClientRequest(url: base + path)
        req.method = .init(rawValue: method)
        req.headers.add(name: "Authorization", value: "Bearer \(adminKey)")
        req.headers.add(name: "Content-Type", value: "application/json")
        if let body { req.body = .bytes(ByteBuffer(bytes: body)) }
        let resp = try await HTTPClient.shared.execute(req, timeout: .seconds(10))
        let bytes = try await resp.body.collect(upTo: 4 << 20)
        guard (200..<300).contains(Int(resp.status.code)) else {
            throw ValidationError("\(method) \(path) → \(resp.status.code): \(String(buffer: bytes))")
        }
        return (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any]) ?? [:]
    }
}
