import Foundation

/// Where model answers are kept for a while, keyed by a hash of the request.
/// `SQLiteStore` implements it (table `llm_cache`); tests use `MemoryLLMCache`.
///
/// ```swift
/// try await cache.storeResponse(answer, key: key, purpose: .analysis, expiresAt: now.addingTimeInterval(600))
/// let hit = try await cache.cachedResponse(key: key, now: now)   // nil once expired
/// ```
public protocol LLMCache: Sendable {
    /// The stored answer for `key` if it has not expired at `now`.
    func cachedResponse(key: String, now: Date) async throws -> LLMResponse?
    /// Stores (or replaces) the answer for `key`.
    func storeResponse(_ response: LLMResponse, key: String, purpose: LLMPurpose, expiresAt: Date) async throws
    /// Deletes expired entries; returns how many.
    func purgeExpiredResponses(now: Date) async throws -> Int
}
