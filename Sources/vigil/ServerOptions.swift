import ArgumentParser
import Foundation
import Logging
import VigilConfig
import VigilServer

/// Options shared by commands that load the configuration.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (YAML). Without it, built-in defaults apply.")
    var config: String?

    @Option(name: .long, help: "Listen address (overrides server.host).")
    var host: String?

    @Option(name: .long, help: "Listen port (overrides server.port).")
    var port: Int?

    @Option(name: .customLong("data-dir"), help: "State directory (overrides storage.data_dir).")
    var dataDir: String?

    /// The configuration with command-line overrides applied.
    func load() throws -> VigilConfiguration {
        var c: VigilConfiguration
        if let path = config {
            do { c = try ConfigLoader.load(path: path, environment: ProcessInfo.processInfo.environment) } catch {
                throw ValidationError(error.description)
            }
        } else {
            c = ConfigLoader.defaults()
        }
        if let host { c.server.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            c.server.port = port
        }
        if let dataDir { c.storage.dataDir = dataDir }
        return c
    }
}

enum LogSetup {
    /// Sets up process-wide logging once, from the `logging:` section.
    static func bootstrap(_ section: LoggingSection) -> Logger {
        let level = Logger.Level(rawValue: section.level.rawValue) ?? .info
        switch section.format {
        case .json:
            LoggingSystem.bootstrap { label in
                var h = JSONLogHandler(label: label)
                h.logLevel = level
                return h
            }
        case .text:
            LoggingSystem.bootstrap { label in
                var h = StreamLogHandler.standardError(label: label)
                h.logLevel = level
                return h
            }
        }
        return Logger(label: "vigil")
    }
}
