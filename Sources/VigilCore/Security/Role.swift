/// What a caller may do. Each role can do everything the ones below it can.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads everything except the audit log and keys.
    case viewer
    /// Acknowledges, resolves, silences, approves.
    case `operator`
    /// Manages keys, rules and reads the audit log.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    public func allows(_ needed: Role) -> Bool { self >= needed }
}

/// Who made a request, once authenticated.
public struct Principal: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// The key's ID, used for rate limiting; `nil` for ingest tokens.
    public var keyID: String?

    public init(name: String, role: Role, keyID: String?) {
        self.name = name
        self.role = role
        self.keyID = keyID
    }
}

/// An API key as stored: only a hash of the secret is kept.
public struct APIKeyRecord: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var role: Role
    public var secretHash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String, name: String, role: Role, secretHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

import Foundation
