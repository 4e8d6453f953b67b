import Foundation

/// A change event as stored, with the sequence number the store gave it.
public struct StoredChangeEvent: Sendable, Hashable, Codable {
    public var id: Int64
    public var event: ChangeEvent
    /// Who or what reported it (`api`, an API key's name, a CI system).
    public var source: String
    public var receivedAt: Date

    public init(id: Int64, event: ChangeEvent, source: String, receivedAt: Date) {
        self.id = id
        self.event = event
        self.source = source
        self.receivedAt = receivedAt
    }
}

/// A diagnosis kept for an incident: the latest analysis and what it was made from.
public struct StoredDiagnosis: Sendable, Hashable, Codable {
    public var incidentID: String
    public var diagnosis: Diagnosis
    public var createdAt: Date
    /// How many alerts the incident had when it was analysed (re-analysis runs when it grows).
    public var alertCount: Int
    /// Why it ran: `opened`, `grew`, `manual`.
    public var trigger: String
    /// Milliseconds the analysis took.
    public var durationMs: Double
    /// A language model's one-paragraph summary, when one wrote the explanation.
    public var summary: String?
    /// Why the explanation is deterministic although a model is configured (all providers down, invalid answers).
    public var explanationNote: String?

    public init(incidentID: String, diagnosis: Diagnosis, createdAt: Date, alertCount: Int, trigger: String,
                durationMs: Double) {
        self.incidentID = incidentID
        self.diagnosis = diagnosis
        self.createdAt = createdAt
        self.alertCount = alertCount
        self.trigger = trigger
        self.durationMs = durationMs
    }
}

/// Change events (deploys, config changes, scaling) and the diagnoses made from them.
///
/// ```swift
/// let ids = try await store.recordChanges([change], source: "ci", at: now)   // durable when it returns
/// let recent = try await store.changes(since: now - 3600, until: now, service: nil, limit: 100)
/// ```
public protocol DiagnosisStore: Sendable {
    /// Stores every event in one transaction and returns them with their IDs.
    func recordChanges(_ events: [ChangeEvent], source: String, at time: Date) async throws -> [StoredChangeEvent]
    /// Newest first.
    func changes(since: Date?, until: Date?, service: String?, limit: Int) async throws -> [StoredChangeEvent]
    /// Replaces the incident's stored diagnosis.
    func saveDiagnosis(_ diagnosis: StoredDiagnosis) async throws
    func diagnosis(incidentID: String) async throws -> StoredDiagnosis?
}
