import Foundation

/// Everything that changes inside one write transaction. A batch of alerts,
/// the incidents they open, their timeline and the notifications they cause
/// commit together or not at all.
public protocol StoreTransaction: Sendable {
    /// Inserts or updates alert episodes, keyed by fingerprint and `startsAt`.
    func upsertAlerts(_ alerts: [StoredAlert]) async throws
    /// Inserts or updates incidents, keyed by ID.
    func saveIncidents(_ incidents: [Incident]) async throws
    func appendTimeline(_ events: [IncidentEvent]) async throws
    func enqueue(_ items: [OutboxItem]) async throws
    func saveSilence(_ silence: Silence) async throws
    func saveAPIKey(_ key: APIKeyRecord) async throws
    /// Appends to the hash-chained audit log and returns the entry written.
    @discardableResult
    func appendAudit(_ record: AuditRecord, at time: Date) async throws -> AuditEntry
}

/// The durable store every stage reads from and writes through.
/// `SQLiteStore` is the embedded default; a PostgreSQL store implements the same port.
///
/// ```swift
/// try await store.write { tx in
///     try await tx.upsertAlerts(alerts)
///     try await tx.saveIncidents(changed)
/// }
/// let page = try await store.incidents(IncidentQuery(status: .open))
/// ```
public protocol Store: Sendable {
    /// Runs `body` in one transaction; commits when it returns, rolls back when it throws.
    func write<T: Sendable>(_ body: @Sendable (any StoreTransaction) async throws -> T) async throws -> T

    func ping() async throws

    // Alerts
    func alerts(_ query: AlertQuery) async throws -> Page<StoredAlert>
    /// Alerts whose status is firing or suppressed: the correlator's working set.
    func activeAlerts() async throws -> [StoredAlert]

    // Incidents
    func incidents(_ query: IncidentQuery) async throws -> Page<Incident>
    func incident(id: String) async throws -> Incident?
    func timeline(incidentID: String) async throws -> [IncidentEvent]
    /// Incidents not resolved, or resolved at or after `resolvedSince`.
    func recentIncidents(resolvedSince: Date) async throws -> [Incident]
    func incidentCounts() async throws -> [IncidentStatus: Int]

    // Silences
    func silences() async throws -> [Silence]

    // Keys and audit
    func apiKey(secretHash: String) async throws -> APIKeyRecord?
    func apiKeys() async throws -> [APIKeyRecord]
    func auditEntries(afterSeq: Int64, limit: Int) async throws -> [AuditEntry]

    // Outbox
    func dueOutboxItems(at now: Date, limit: Int) async throws -> [OutboxItem]
    func updateOutboxItem(_ item: OutboxItem) async throws
    func outboxCounts() async throws -> [OutboxItem.State: Int]

    func close() async throws
}
