import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import VigilConfig
import VigilCore
import VigilRemediate
import VigilServer
import VigilStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Vigil server (embedded SQLite, HTTP API).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let config = try options.load()
        let logger = LogSetup.bootstrap(config.logging)
        try await VigilRuntime.run(config: config, logger: logger)
    }
}

/// Starts every service in one group and stops them in reverse order on SIGTERM/SIGINT.
enum VigilRuntime {
    static func run(config: VigilConfiguration, logger: Logger,
                    afterStart: (@Sendable () async throws -> Void)? = nil) async throws {
        let env = ProcessInfo.processInfo.environment
        let store = try await SQLiteStore.open(path: config.storage.sqlitePath,
                                               synchronous: config.storage.synchronous == .full ? .full : .normal,
                                               logger: logger)
        let loaded: (runbooks: [Runbook], present: [String], missing: [String])
        do { loaded = try RunbookLoader.loadExisting(directories: config.remediation.runbookDirs, rules: config.remediation.safetyRules) } catch {
            try? await store.close()
            throw ValidationError(error.description)
        }
        for dir in loaded.missing { logger.warning("runbook directory not found", metadata: ["runbooks.dir": "\(dir)"]) }
        logger.info("runbooks loaded", metadata: ["runbooks.count": "\(loaded.runbooks.count)",
                                                  "runbooks.dirs": "\(loaded.present.joined(separator: ","))"])
        let pipeline = Pipeline(config: config, store: store, adminKey: env["VIGIL_ADMIN_KEY"], logger: logger,
                                runbooks: loaded.runbooks)
        if pipeline.authenticator.ingestIsOpen {
            logger.warning("ingest endpoints are open: no ingest.tokens configured; anyone who can reach this port can post alerts")
        }
        if env["VIGIL_ADMIN_KEY"] == nil, (try? await store.apiKeys().isEmpty) ?? true {
            logger.notice("no API keys yet: set VIGIL_ADMIN_KEY or run `vigil keys create --role admin` to use the API")
        }
        let app = pipeline.application(host: config.server.host, port: config.server.port, logger: logger)
        let services: [any Service] = pipeline.services + [app]
        var configs = services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        if let afterStart {
            // Returning from the story ends the group gracefully; serving on means waiting for a signal.
            configs.append(.init(service: OneShotService { try await afterStart() },
                                 successTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(configuration: .init(
            services: configs,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("vigil starting", metadata: ["http.address": "\(config.server.host):\(config.server.port)",
                                                 "store.path": "\(config.storage.sqlitePath)"])
        do {
            try await group.run()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        logger.info("vigil stopped")
    }
}

/// Runs a closure once.
struct OneShotService: Service {
    let body: @Sendable () async throws -> Void
    func run() async throws { try await body() }
}
