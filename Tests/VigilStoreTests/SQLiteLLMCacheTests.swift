import Foundation
import Testing
import VigilCore
@testable import VigilStore

@Suite struct SQLiteLLMCacheTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func storesReplacesAndExpires() async throws {
        try await withTempStore { store, _ in
            let answer = LLMResponse(text: #"{"summary":"db disk full"}"#, model: "local/smollm2",
                                     usage: LLMTokenUsage(prompt: 120, completion: 30))
            try await store.storeResponse(answer, key: "k1", purpose: .analysis, expiresAt: t0.addingTimeInterval(600))
            #expect(try await store.cachedResponse(key: "k1", now: t0) == answer)
            #expect(try await store.cachedResponse(key: "k2", now: t0) == nil)
            #expect(try await store.cachedResponse(key: "k1", now: t0.addingTimeInterval(600)) == nil)

            var newer = answer
            newer.text = "second"
            try await store.storeResponse(newer, key: "k1", purpose: .analysis, expiresAt: t0.addingTimeInterval(1200))
            #expect(try await store.cachedResponse(key: "k1", now: t0.addingTimeInterval(900))?.text == "second")
        }
    }

    @Test func purgeDeletesOnlyExpiredRows() async throws {
        try await withTempStore { store, _ in
            let answer = LLMResponse(text: "x", model: "a/b")
            try await store.storeResponse(answer, key: "old", purpose: .command, expiresAt: t0.addingTimeInterval(300))
            try await store.storeResponse(answer, key: "new", purpose: .playbook, expiresAt: t0.addingTimeInterval(1800))
            #expect(try await store.purgeExpiredResponses(now: t0.addingTimeInterval(301)) == 1)
            #expect(try await store.cachedResponse(key: "new", now: t0.addingTimeInterval(301)) != nil)
            #expect(try await store.purgeExpiredResponses(now: t0.addingTimeInterval(301)) == 0)
        }
    }

    @Test func migrationEightIsRecorded() async throws {
        try await withTempStore { store, _ in
            let version = try await store.schemaVersion()
            #expect(version >= 8)
        }
    }
}
