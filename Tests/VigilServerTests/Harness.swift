import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import NIOCore
import VigilConfig
import VigilCore
import VigilExecutors
import VigilRemediate
import VigilServer
import VigilStore
import VigilTesting

let adminKey = "test-admin-key-0123456789"

/// A response with its body parsed as JSON.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
}

/// A client bound to one running test server.
struct API: Sendable {
    let client: any TestClientProtocol

    func call(_ method: HTTPRequest.Method, _ uri: String, key: String? = adminKey, body: [UInt8]? = nil,
              headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers,
                                        body: body.map { ByteBuffer(bytes: $0) }) { r in
            Reply(status: Int(r.status.code), headers: r.headers, body: String(buffer: r.body))
        }
    }

    func post(_ uri: String, json: Any, key: String? = adminKey) async throws -> Reply {
        try await call(.post, uri, key: key, body: Array(try JSONSerialization.data(withJSONObject: json)))
    }

    func post(_ uri: String, raw: String, key: String? = adminKey) async throws -> Reply {
        try await call(.post, uri, key: key, body: Array(raw.utf8))
    }

    func get(_ uri: String, key: String? = adminKey) async throws -> Reply { try await call(.get, uri, key: key) }
}

/// Runs a full pipeline (real SQLite in a temp dir, the writer running) and hands a client to `body`.
func withServer(_ configure: (inout VigilConfiguration) -> Void = { _ in }, runbooks: [Runbook] = [],
                executors: ExecutorRegistry? = nil,
                _ body: @Sendable (API, Handles) async throws -> Void) async throws {
    var config = ConfigLoader.defaults()
    config.correlation.groupWait = ConfigDuration(seconds: 0)
    configure(&config)
    try config.validate(file: "<test>")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-server-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let store = try await SQLiteStore.open(path: dir + "/vigil.db", logger: logger)
    let pipeline = Pipeline(config: config, store: store, adminKey: adminKey, transport: RecordingTransport(),
                            logger: logger, tickInterval: .milliseconds(20), runbooks: runbooks,
                            executors: executors ?? ExecutorRegistry([]), remediationInterval: .milliseconds(100))
    let app = pipeline.application(host: "127.0.0.1", port: 0, logger: logger)
    let handles = Handles(store: store, routes: pipeline.router.routes.map { ($0.method.rawValue, $0.path.description) })
    let services = pipeline.services
    do {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            try await app.test(.router) { client in try await body(API(client: client), handles) }
            group.cancelAll()
        }
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
}

/// What tests may look at besides HTTP.
struct Handles: Sendable {
    let store: any Store
    /// Registered routes as (METHOD, path).
    let routes: [(String, String)]
}

/// Polls until `check` passes or `timeout` elapses.
func eventually(timeout: Duration = .seconds(5), _ check: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await check() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await check()
}

func postable(_ name: String, _ labels: [String: String] = [:], endsAt: Date? = nil) -> [String: Any] {
    var l = labels
    l["alertname"] = name
    var a: [String: Any] = ["labels": l, "annotations": ["summary": "\(name) is firing"],
                            "startsAt": "2026-01-01T00:00:00Z"]
    if let endsAt { a["endsAt"] = RFC3339.format(endsAt) }
    return a
}
