import Foundation

/// One mutating act, chained to the entry before it by hash so that any
/// later edit of the log is detectable (`vigil audit verify`).
public struct AuditEntry: Sendable, Hashable, Codable {
    public var seq: Int64
    public var time: Date
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
    public var previousHash: String
    public var hash: String

    public init(seq: Int64, time: Date, actor: String, action: String, subject: String, detail: String,
                previousHash: String, hash: String) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The bytes the hash covers: every field but the hash, unambiguously joined.
    public var canonicalText: String {
        let ms = Int64((time.timeIntervalSince1970 * 1000).rounded())
        return [String(seq), String(ms), actor, action, subject, detail, previousHash]
            .map { "\($0.utf8.count):\($0)" }
            .joined(separator: "|")
    }

    /// The hash of the entry before the first one.
    public static let genesisHash = String(repeating: "0", count: 64)
}

/// A mutating act to record; the log fills in sequence, time and hashes.
public struct AuditRecord: Sendable, Hashable {
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String

    public init(actor: String, action: String, subject: String, detail: String = "") {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}
