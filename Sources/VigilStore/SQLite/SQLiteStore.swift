import Foundation
import Logging
import SQLiteNIO
import Synchronization
import VigilCore

/// The embedded store: one SQLite file in WAL mode. One connection writes
/// (transactions are serialized), another reads concurrently.
///
/// ```swift
/// let store = try await SQLiteStore.open(path: "./data/vigil.db", logger: logger)
/// defer { try? await store.close() }
/// ```
public final class SQLiteStore: Store {
    let writer: SQLiteConnection
    let reader: SQLiteConnection
    let writeLock = AsyncMutex()
    let logger: Logger
    public let path: String
    /// Metric series ids by key, filled after commits (see `SQLiteStore+Metrics`); only read and
    /// changed while holding `writeLock`.
    let metricSeriesIDs = Mutex<[String: Int]>([:])

    /// How hard SQLite syncs to disk: `full` survives power loss, `normal` survives process crashes.
    public enum Synchronous: String, Sendable, CaseIterable { case full = "FULL", normal = "NORMAL" }

    init(writer: SQLiteConnection, reader: SQLiteConnection, path: String, logger: Logger) {
        self.writer = writer
        self.reader = reader
        self.path = path
        self.logger = logger
    }

    /// Opens (creating if needed) and migrates the database at `path`.
    public static func open(path: String, synchronous: Synchronous = .full, logger: Logger) async throws -> SQLiteStore {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=\(synchronous.rawValue)",
                           "PRAGMA busy_timeout=10000", "PRAGMA foreign_keys=ON",
                           // Big write batches must not spill pages to the WAL mid-transaction.
                           "PRAGMA cache_size=-8192", "PRAGMA temp_store=MEMORY"] {
                _ = try await writer.query(pragma)
            }
            try await migrate(writer, logger: logger)
        } catch {
            try? await writer.close()
            throw error
        }
        let reader: SQLiteConnection
        do {
            reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            _ = try await reader.query("PRAGMA busy_timeout=10000")
        } catch {
            try? await writer.close()
            throw error
        }
        return SQLiteStore(writer: writer, reader: reader, path: path, logger: logger)
    }

    static func migrate(_ db: SQLiteConnection, logger: Logger,
                        migrations: [(version: Int, sql: [String])] = SQLiteMigrations.all) async throws {
        _ = try await db.query("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)")
        // Every migration not applied yet, not only those above the highest: branches merged in a
        // different order than their migrations are numbered (4, 5, 6) still all apply.
        let applied = Set(try await db.query("SELECT version FROM schema_migrations").compactMap { $0.column("version")?.integer })
        for m in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(m.version) {
            _ = try await db.query("BEGIN IMMEDIATE")
            do {
                for sql in m.sql { _ = try await db.query(sql) }
                _ = try await db.query("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)",
                                       [.integer(m.version), .float(Date().timeIntervalSince1970)])
                _ = try await db.query("COMMIT")
                logger.info("applied store migration", metadata: ["store.migration": "\(m.version)"])
            } catch {
                _ = try? await db.query("ROLLBACK")
                throw error
            }
        }
    }

    /// The schema version the database is at.
    public func schemaVersion() async throws -> Int {
        let rows = try await reader.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
        return Int(rows.first?.column("v")?.integer ?? 0)
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await transaction { try await body(SQLiteTransaction(db: $0)) }
    }

    /// Runs `body` in one write transaction on the writer connection: committed if it returns, rolled back if it throws.
    func transaction<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            _ = try await writer.query("BEGIN IMMEDIATE")
            do {
                let value = try await body(writer)
                _ = try await writer.query("COMMIT")
                return value
            } catch {
                _ = try? await writer.query("ROLLBACK")
                throw error
            }
        }
    }

    /// A single statement outside a caller's transaction, still serialized with writes.
    func execute(_ sql: String, _ binds: [SQLiteData]) async throws {
        try await writeLock.withLock { _ = try await writer.query(sql, binds) }
    }

    public func ping() async throws {
        _ = try await reader.query("SELECT 1")
    }

    public func close() async throws {
        try await writeLock.withLock {
            try await reader.close()
            try await writer.close()
        }
    }
}
