import Foundation
import Synchronization
import VigilCore
import VigilStore

/// Resolves bearer tokens to principals: the bootstrap admin key from
/// `VIGIL_ADMIN_KEY`, API keys from the store (kept only as hashes), and
/// ingest tokens from the config.
public struct Authenticator: Sendable {
    let store: any Store
    let adminKeyHash: String?
    let ingestTokenHashes: Set<String>

    public init(store: any Store, adminKey: String?, ingestTokens: [String]) {
        self.store = store
        self.adminKeyHash = adminKey.flatMap { $0.isEmpty ? nil : KeyHashing.hash(secret: $0) }
        self.ingestTokenHashes = Set(ingestTokens.map { KeyHashing.hash(secret: $0) })
    }

    public var ingestIsOpen: Bool { ingestTokenHashes.isEmpty }

    /// The principal for an API key, or nil.
    public func principal(forKey secret: String) async throws -> Principal? {
        let hash = KeyHashing.hash(secret: secret)
        if let admin = adminKeyHash, constantTimeEqual(admin, hash) {
            return Principal(name: "bootstrap-admin", role: .admin, keyID: "bootstrap")
        }
        guard let key = try await store.apiKey(secretHash: hash), key.revokedAt == nil else { return nil }
        return Principal(name: key.name, role: key.role, keyID: key.id)
    }

    /// Whether `secret` is one of the configured ingest tokens.
    public func isIngestToken(_ secret: String) -> Bool {
        let hash = KeyHashing.hash(secret: secret)
        return ingestTokenHashes.contains { constantTimeEqual($0, hash) }
    }

    func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// Makes a new secret: `vgl_` and 32 random bytes in URL-safe base64.
    public static func newSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let b64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "vgl_" + b64
    }
}

/// A token bucket per API key: `ratePerSecond` on average, `burst` at once.
public final class RateLimiter: Sendable {
    struct Bucket { var tokens: Double; var updated: Date }
    let ratePerSecond: Double
    let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(ratePerSecond: Double, burst: Int) {
        self.ratePerSecond = ratePerSecond
        self.burst = Double(burst)
    }

    /// Takes a token for `key` at `now`: nil when allowed, else seconds to wait.
    public func take(_ key: String, now: Date) -> TimeInterval? {
        buckets.withLock { all in
            var b = all[key] ?? Bucket(tokens: burst, updated: now)
            b.tokens = min(burst, b.tokens + max(0, now.timeIntervalSince(b.updated)) * ratePerSecond)
            b.updated = now
            defer { all[key] = b }
            if b.tokens >= 1 {
                b.tokens -= 1
                return nil
            }
            return (1 - b.tokens) / ratePerSecond
        }
    }
}
