import Foundation

/// A log template as stored: the miner's template plus wall-clock bookkeeping.
public struct StoredLogTemplate: Sendable, Hashable, Codable {
    public var id: Int64
    public var template: String
    public var count: Int64
    public var firstSeen: Date
    public var lastSeen: Date
    /// The most severe level seen with it (`debug` … `critical`), if any.
    public var level: String?
    public var examples: [String]
    /// Set when the miner folded it into another template.
    public var mergedInto: Int64?

    public init(id: Int64, template: String, count: Int64, firstSeen: Date, lastSeen: Date, level: String?,
                examples: [String], mergedInto: Int64? = nil) {
        self.id = id
        self.template = template
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.level = level
        self.examples = examples
        self.mergedInto = mergedInto
    }
}

/// Lines of one template from one service in one minute.
public struct LogTemplateCount: Sendable, Hashable {
    public var templateID: Int64
    public var service: String
    /// Unix minute (seconds / 60).
    public var minute: Int64
    public var count: Int64

    public init(templateID: Int64, service: String, minute: Int64, count: Int64) {
        self.templateID = templateID
        self.service = service
        self.minute = minute
        self.count = count
    }
}

/// Filters for listing log templates.
public struct LogTemplateQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable { case count, novelty }
    public var service: String?
    public var since: Date?
    public var sort: Sort
    public var limit: Int

    public init(service: String? = nil, since: Date? = nil, sort: Sort = .count, limit: Int = 100) {
        self.service = service
        self.since = since
        self.sort = sort
        self.limit = limit
    }
}

/// A template with the per-service count the query asked about.
public struct LogTemplateSummary: Sendable, Hashable {
    public var template: StoredLogTemplate
    /// Lines in the queried window and service (all lines when unfiltered).
    public var windowCount: Int64
    public var services: [String]

    public init(template: StoredLogTemplate, windowCount: Int64, services: [String]) {
        self.template = template
        self.windowCount = windowCount
        self.services = services
    }
}

/// The log side of the store, written by the log writer in one transaction per batch.
public protocol LogStoreTransaction: Sendable {
    func upsertLogTemplates(_ templates: [StoredLogTemplate]) async throws
    /// Adds to per-minute counts (creating rows as needed).
    func addLogCounts(_ counts: [LogTemplateCount]) async throws
    /// Saves an opaque state blob (e.g. the miner's snapshot) under `key`.
    func saveState(key: String, value: [UInt8]) async throws
}

public protocol LogStore: Sendable {
    func writeLogs<T: Sendable>(_ body: @Sendable (any LogStoreTransaction) async throws -> T) async throws -> T
    func logTemplates(_ query: LogTemplateQuery) async throws -> [LogTemplateSummary]
    func state(key: String) async throws -> [UInt8]?
    func maxLogTemplateID() async throws -> Int64
    /// Per-(template, service, minute) counts in `start..<end`, largest first, at most `limit` rows,
    /// and the templates they name.
    func logCounts(start: Date, end: Date, limit: Int) async throws -> LogCountWindow
}

/// Log counts over a window and the templates they belong to.
public struct LogCountWindow: Sendable, Hashable {
    public var counts: [LogTemplateCount]
    public var templates: [Int64: StoredLogTemplate]

    public init(counts: [LogTemplateCount], templates: [Int64: StoredLogTemplate]) {
        self.counts = counts
        self.templates = templates
    }
}
