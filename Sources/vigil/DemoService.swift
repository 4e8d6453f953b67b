import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `vigil demo-service`: the small service `vigil demo` watches. It keeps orders in a spool directory with a
/// 20 MB quota, exposes `/metrics` (Prometheus text) and `/health`, and logs to `service.log` — including
/// "No space left on device" once the spool is full. `cleanup` is the fix the demo's runbook runs.
struct DemoServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-service", abstract: "The demo service watched by `vigil demo` (serve, fill, cleanup).",
        shouldDisplay: false, subcommands: [Serve.self, Fill.self, Cleanup.self, Restore.self])

    static let quota = 20 << 20

    static func spoolBytes(_ dir: String) -> Int {
        let spool = dir + "/spool"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
        return names.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: spool + "/" + name)[.size] as? Int) ?? 0)
        }
    }

    struct Serve: AsyncParsableCommand {
        @Option var port: Int
        @Option var dir: String

        func run() async throws {
            try FileManager.default.createDirectory(atPath: dir + "/spool", withIntermediateDirectories: true)
            let dir = self.dir
            let router = Router()
            router.get("health") { _, _ in "ok" }
            router.get("metrics") { _, _ -> String in
                let used = Double(DemoServiceCommand.spoolBytes(dir)) / Double(DemoServiceCommand.quota)
                return """
                    # TYPE demo_up gauge
                    demo_up 1
                    # TYPE demo_spool_used_ratio gauge
                    demo_spool_used_ratio \(String(format: "%.4f", min(1, used)))
                    # TYPE demo_spool_quota_bytes gauge
                    demo_spool_quota_bytes \(DemoServiceCommand.quota)

                    """
            }
            let log = DemoLog(path: dir + "/service.log")
            let writer = Task {
                var order = 1000
                while !Task.isCancelled {
                    order += 1
                    let used = Double(DemoServiceCommand.spoolBytes(dir)) / Double(DemoServiceCommand.quota)
                    if used >= 0.9 {
                        log.write("ERROR order \(order) not stored: write spool/order-\(order).json: No space left on device")
                    } else {
                        log.write("INFO order \(order) stored in \(Int.random(in: 3...40)) ms")
                    }
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
            defer { writer.cancel() }
            var logger = Logger(label: "demo-service")
            logger.logLevel = .warning
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
            try await app.runService()
        }
    }

    /// The fault: old exports pile up in the spool until it is 95% full.
    struct Fill: AsyncParsableCommand {
        @Option var dir: String

        func run() async throws {
            try DemoServiceCommand.fill(dir)
            print("spool at \(DemoServiceCommand.spoolBytes(dir) * 100 / DemoServiceCommand.quota)% of its quota")
        }
    }

    /// The fix: moves finished exports (`*.tmp`) from the spool to `archive/` (outside the quota), so it can be
    /// undone by `restore`.
    struct Cleanup: AsyncParsableCommand {
        @Option var dir: String

        func run() async throws {
            try DemoServiceCommand.move(from: dir + "/spool", to: dir + "/archive", verb: "archived")
            print("spool now \(DemoServiceCommand.spoolBytes(dir) >> 20) MB of \(DemoServiceCommand.quota >> 20) MB")
        }
    }

    /// The rollback of `cleanup`: puts archived exports back into the spool.
    struct Restore: AsyncParsableCommand {
        @Option var dir: String

        func run() async throws {
            try DemoServiceCommand.move(from: dir + "/archive", to: dir + "/spool", verb: "restored")
        }
    }

    static func fill(_ dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir + "/spool", withIntermediateDirectories: true)
        let chunk = Data(repeating: 0x61, count: 1 << 20)
        var i = 0
        while Double(spoolBytes(dir)) < 0.95 * Double(quota) {
            i += 1
            try chunk.write(to: URL(fileURLWithPath: dir + "/spool/export-\(i).tmp"))
        }
    }

    static func move(from: String, to: String, verb: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: to, withIntermediateDirectories: true)
        let names = ((try? fm.contentsOfDirectory(atPath: from)) ?? []).filter { $0.hasSuffix(".tmp") }.sorted()
        for name in names {
            try? fm.removeItem(atPath: to + "/" + name)
            try fm.moveItem(atPath: from + "/" + name, toPath: to + "/" + name)
        }
        print("\(verb) \(names.count) export file(s)")
    }
}

/// Appends timestamped lines to the service's log file.
final class DemoLog: @unchecked Sendable {
    let handle: FileHandle?
    init(path: String) {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        handle = FileHandle(forWritingAtPath: path)
        handle?.seekToEndOfFile()
    }
    func write(_ line: String) {
        handle?.write(Data("\(ISO8601DateFormatter().string(from: Date())) \(line)\n".utf8))
    }
}
