import Foundation
import Testing
import VigilCore
import VigilTesting

@Suite struct IdentifierGeneratorTests {
    let crockford = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test func hasPrefixUnderscoreAndTwentySixCrockfordChars() throws {
        let id = IdentifierGenerator().make("inc", at: Fixtures.epoch)
        #expect(id.hasPrefix("inc_"))
        let body = id.dropFirst(4)
        #expect(body.count == 26)
        #expect(body.allSatisfy { crockford.contains($0) }, "\(id)")
    }

    @Test func timePartEncodesMillisecondsLikeAULID() {
        var rng = SeededRandom(seed: 1)
        // 1_700_000_000_000 ms = 0x18BCFE56800 → base32, 10 digits.
        let id = IdentifierGenerator().make("x", at: Date(timeIntervalSince1970: 1_700_000_000), using: &rng)
        var ms: UInt64 = 0
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        for c in id.dropFirst(2).prefix(10) {
            ms = ms * 32 + UInt64(alphabet.firstIndex(of: c) ?? 99)
        }
        #expect(ms == 1_700_000_000_000)
        #expect(IdentifierGenerator().make("x", at: Date(timeIntervalSince1970: 0), using: &rng).dropFirst(2).prefix(10) == "0000000000")
    }

    @Test func idsSortByTimeForIncreasingTimes() {
        let gen = IdentifierGenerator()
        var previous = ""
        var t = Fixtures.epoch
        for step: TimeInterval in [0.002, 0.005, 1, 31, 3600, 34_560_000, 0.002] {
            t = t.addingTimeInterval(step)
            let id = gen.make("inc", at: t)
            #expect(id > previous, "\(id) should sort after \(previous)")
            previous = id
        }
    }

    @Test func idsAtTheSameMillisecondDiffer() {
        let gen = IdentifierGenerator()
        let ids = (0..<1000).map { _ in gen.make("inc", at: Fixtures.epoch) }
        #expect(Set(ids).count == 1000)
        #expect(Set(ids.map { $0.prefix(14) }).count == 1, "same time part")
    }

    @Test func timesBeforeEpochClampToZero() {
        var rng = SeededRandom(seed: 7)
        let id = IdentifierGenerator().make("a", at: Date(timeIntervalSince1970: -5), using: &rng)
        #expect(id.dropFirst(2).prefix(10) == "0000000000")
        #expect(id.count == 28)
    }
}
