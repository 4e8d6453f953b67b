import ArgumentParser
import Foundation
import Logging
import VigilConfig
import VigilCore
import VigilServer
import VigilStore

struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Validate a configuration file with the same loader `serve` uses.")

    @Argument(help: "The YAML file to check.") var file: String

    func run() async throws {
        do {
            let c = try ConfigLoader.load(path: file, environment: ProcessInfo.processInfo.environment)
            // runbooks: every existing directory must load cleanly; a missing one is only reported
            let (runbooks, present, missing) = try RunbookLoader.loadExisting(directories: c.remediation.runbookDirs,
                                                                                rules: c.remediation.safetyRules)
            print("\(file): OK (listen \(c.server.host):\(c.server.port), data in \(c.storage.dataDir), "
                + "\(c.notify.webhooks.count) webhook(s), \(c.inhibitRules.count) inhibit rule(s), "
                + "host metrics \(c.metrics.host.enabled ? "on" : "off"), \(c.metrics.scrape.count) scrape target(s))")
            let from = present.isEmpty ? "no directory" : present.joined(separator: ", ")
            print("runbooks: \(runbooks.count) from \(from), \(c.policies.count) self-healing polic\(c.policies.count == 1 ? "y" : "ies")")
            for dir in missing { print("warning: runbook directory \(dir) not found") }
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Opens the store named by the options, for offline admin commands.
func openStore(_ options: ServerOptions) async throws -> SQLiteStore {
    let config = try options.load()
    var logger = Logger(label: "vigil")
    logger.logLevel = .warning
    return try await SQLiteStore.open(path: config.storage.sqlitePath, logger: logger)
}

/// Who runs an offline command, for the audit log.
var cliActor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown") }

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API keys.",
                                                    subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key and print its secret once.")
        @OptionGroup var options: ServerOptions
        @Option(help: "viewer, operator or admin") var role: Role
        @Option(help: "A name to recognise the key by.") var name: String?

        func run() async throws {
            let store = try await openStore(options)
            let secret = Authenticator.newSecret()
            let now = Date()
            let record = APIKeyRecord(id: IdentifierGenerator().make("key", at: now), name: name ?? "\(role.rawValue)-key",
                                      role: role, secretHash: KeyHashing.hash(secret: secret), createdAt: now)
            do {
                try await store.write { tx in
                    try await tx.saveAPIKey(record)
                    try await tx.appendAudit(AuditRecord(actor: cliActor, action: "key.create", subject: record.id,
                                                         detail: "name=\(record.name) role=\(record.role.rawValue)"), at: now)
                }
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
            print(secret)
            FileHandle.standardError.write(Data("created \(record.role.rawValue) key \(record.id) (\(record.name)); the secret above is shown only once\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (never their secrets).")
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let store = try await openStore(options)
            let keys = try await store.apiKeys()
            try await store.close()
            for k in keys {
                print("\(k.id)\t\(k.role.rawValue)\t\(k.name)\t\(RFC3339.format(k.createdAt))\t\(k.revokedAt == nil ? "active" : "revoked")")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key.")
        @OptionGroup var options: ServerOptions
        @Argument(help: "The key's id (key_…).") var id: String

        func run() async throws {
            let store = try await openStore(options)
            guard var key = try await store.apiKeys().first(where: { $0.id == id }) else {
                try await store.close()
                throw ValidationError("no key with id '\(id)'")
            }
            key.revokedAt = Date()
            try await store.write { [key] tx in
                try await tx.saveAPIKey(key)
                try await tx.appendAudit(AuditRecord(actor: cliActor, action: "key.revoke", subject: key.id), at: Date())
            }
            try await store.close()
            print("revoked \(id)")
        }
    }
}

extension Role: ExpressibleByArgument {}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Inspect the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the audit log's hash chain end to end.")
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let store = try await openStore(options)
            var checked = 0
            var prevHash = AuditEntry.genesisHash
            var prevSeq: Int64 = 0
            do {
                while true {
                    let page = try await store.auditEntries(afterSeq: prevSeq, limit: 1000)
                    if page.isEmpty { break }
                    checked += try AuditChain.verify(page, previousHash: prevHash, previousSeq: prevSeq)
                    prevHash = page.last!.hash
                    prevSeq = page.last!.seq
                }
            } catch let e as AuditChain.Break {
                try? await store.close()
                FileHandle.standardError.write(Data("audit chain BROKEN: \(e.description)\n".utf8))
                throw ExitCode(1)
            }
            try await store.close()
            print("audit chain OK: \(checked) entries verified")
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema, then exit.")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let store = try await openStore(options)
        let v = try await store.schemaVersion()
        try await store.close()
        print("schema at version \(v) (\(store.path))")
    }
}
