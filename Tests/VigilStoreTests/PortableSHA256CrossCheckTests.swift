import Testing
import VigilCore
@testable import VigilStore

/// Core's dependency-free SHA-256 (LLM cache keys) must agree with swift-crypto's (audit hashes, API keys).
@Suite struct PortableSHA256CrossCheckTests {
    @Test func agreesWithSwiftCryptoOnEveryLengthUpToThreeBlocks() {
        var rng = SeededRandom(seed: 5)
        for length in 0...200 {
            let text = String((0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 32...126, using: &rng))) })
            #expect(PortableSHA256.hex(Array(text.utf8)) == sha256Hex(text), "length \(length)")
        }
        #expect(PortableSHA256.hex(Array("пароль".utf8)) == sha256Hex("пароль"))
    }
}
