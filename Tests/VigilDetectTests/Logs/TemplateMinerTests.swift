import Foundation
import Testing
import VigilCore
import VigilDetect

/// A synthetic log stream with constants, numbers, user names, enum-like states and
/// key=value pairs, so splits, merges and generalisations all happen.
func syntheticLines(_ count: Int, seed: UInt64) -> [String] {
    var rng = SeededRandom(seed: seed)
    let users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
    let states = ["NEW", "SCHEDULED", "RUNNING", "SUCCEEDED"]
    return (0..<count).map { i in
        switch rng.next() % 6 {
        case 0: return "Accepted password for \(users.randomElement(using: &rng) ?? "x") from 10.0.\(i % 250).\(i % 7) port \(1000 + i) ssh2"
        case 1:
            let s = Int(rng.next() % 3)
            return "task_\(i) Task Transitioned from \(states[s]) to \(states[s + 1])"
        case 2: return "PacketResponder \(i % 3) for block blk_\(rng.next() % 100_000) terminating"
        case 3: return "size=\(i % 97),app=\(["web", "db"][i % 2]) totalTime=\(i)"
        case 4: return "Received block blk_\(i) of size \(rng.next() % 67_108_864) from /10.250.\(i % 200).1"
        default: return "session \(i) closed by \(users.randomElement(using: &rng) ?? "x")"
        }
    }
}

@Suite("Template miner")
struct TemplateMinerTests {
    @Test("a number position generalises at once and keeps the first ID")
    func generalisesInPlace() {
        var miner = TemplateMiner()
        let first = miner.add("request failed for 12 after retry")
        let second = miner.add("request failed for abc after retry")
        #expect(second == first)
        #expect(miner.template(for: first)?.template == "request failed for <*> after retry")
        #expect(miner.template(for: first)?.count == 2)
    }

    @Test("user names merge into the oldest template once they vary enough; its ID survives")
    func idStableWhenMerging() {
        var miner = TemplateMiner()
        let ids = ["alice", "bob", "carol", "dave", "erin"].map { miner.add("Invalid user \($0) from 10.0.0.1") }
        #expect(Set(ids.map { miner.resolve($0) }) == [ids[0]])
        #expect(miner.template(for: ids[0])?.template == "Invalid user <*> from <*>")
        #expect(miner.template(for: ids[3])?.id == ids[0])
        #expect(miner.template(for: ids[0])?.count == 5)
        #expect(miner.add("Invalid user mallory from 10.9.9.9") == ids[0])
        let changes = miner.drainChanges()
        #expect(changes.contains(.merged(absorbed: ids[1], survivor: ids[0])))
        #expect(!miner.hasPendingChanges)
    }

    @Test("values that move together stay separate templates")
    func statesStaySplit() {
        var miner = TemplateMiner()
        let transitions = [("NEW", "SCHEDULED"), ("SCHEDULED", "RUNNING"), ("RUNNING", "SUCCEEDED"), ("RUNNING", "FAILED")]
        var ids: [TemplateID] = []
        for round in 0..<5 {
            for (from, to) in transitions {
                ids.append(miner.add("task_\(round)_m_0\(round) Task Transitioned from \(from) to \(to)"))
            }
        }
        let distinct = Set(ids.map { miner.resolve($0) })
        #expect(distinct.count == transitions.count)
        #expect(miner.template(for: ids[0])?.template == "<*> Task Transitioned from NEW to SCHEDULED")
    }

    @Test("same input order gives the same IDs")
    func deterministic() {
        let lines = syntheticLines(3_000, seed: 7)
        var a = TemplateMiner(), b = TemplateMiner()
        let ia = lines.map { a.add($0) }
        let ib = lines.map { b.add($0) }
        #expect(ia == ib)
        #expect(a.templates == b.templates)
    }

    @Test("counts add up and examples are kept")
    func counters() {
        let lines = syntheticLines(2_000, seed: 11)
        var miner = TemplateMiner()
        for line in lines { miner.add(line) }
        #expect(miner.templates.reduce(0) { $0 + $1.count } == 2_000)
        #expect(miner.sequence == 2_000)
        for t in miner.templates {
            #expect(!t.examples.isEmpty)
            #expect(t.examples.count <= 3)
            #expect(t.firstSeen <= t.lastSeen)
        }
    }

    @Test("snapshot and restore give identical subsequent assignments")
    func snapshotRestore() throws {
        let lines = syntheticLines(6_000, seed: 3)
        var original = TemplateMiner()
        for line in lines[..<3_000] { original.add(line) }
        let data = try JSONEncoder().encode(original.snapshot())
        var restored = try TemplateMiner(restoring: JSONDecoder().decode(TemplateMinerSnapshot.self, from: data))
        #expect(restored.templates == original.templates)
        #expect(restored.snapshot() == original.snapshot())
        let after = lines[3_000...].map { original.add($0) }
        let afterRestored = lines[3_000...].map { restored.add($0) }
        #expect(after == afterRestored)
        #expect(restored.templates == original.templates)
    }

    @Test("a snapshot with an unknown version is rejected")
    func snapshotVersion() throws {
        var snapshot = TemplateMiner().snapshot()
        snapshot.version = 99
        #expect(throws: TemplateMinerSnapshotError.self) { try TemplateMiner(restoring: snapshot) }
    }

    @Test("100k random-token lines stay under the template cap", arguments: [500, TemplateMinerConfiguration.default.maxTemplates])
    func bounded(cap: Int) {
        var miner = TemplateMiner(configuration: TemplateMinerConfiguration(maxTemplates: cap))
        var rng = SeededRandom(seed: 42)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        var peak = 0
        for _ in 0..<100_000 {
            let words = (0..<(1 + Int(rng.next() % 12))).map { _ in
                String((0..<(1 + Int(rng.next() % 8))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            }
            miner.add(words.joined(separator: " "))
            peak = max(peak, miner.templateCount)
        }
        #expect(peak <= cap)
        #expect(miner.templateCount > 0)
        #expect(miner.templates.count == miner.templateCount)
        #expect(miner.templates.reduce(0) { $0 + $1.count } <= 100_000)
    }

    @Test("a full leaf generalises its nearest group instead of growing")
    func leafCap() {
        var miner = TemplateMiner(configuration: TemplateMinerConfiguration(maxGroupsPerLeaf: 2))
        let lines = [
            "alpha beta one two three four five six", "alpha beta red green blue cyan magenta yellow",
            "alpha beta north south east west up down", "alpha beta spring summer autumn winter dawn dusk",
        ]
        let ids = lines.map { miner.add($0) }
        #expect(miner.templateCount == 2)
        #expect(Set(ids.map { miner.resolve($0) }).count == 2)
        #expect(miner.template(for: ids[3])?.template.hasPrefix("alpha beta <*>") == true)
    }
}

@Suite("Template miner snapshots")
struct TemplateMinerSnapshotTests {
    @Test("continueIDs moves new IDs above a stored maximum and never backwards")
    func continueIDs() throws {
        var miner = TemplateMiner()
        miner.add("first message here")
        var snapshot = miner.snapshot()
        snapshot.continueIDs(after: 41)
        var restored = try TemplateMiner(restoring: snapshot)
        #expect(restored.add("a completely different message with more words") == TemplateID(rawValue: 42))
        var again = restored.snapshot()
        again.continueIDs(after: 5)
        var second = try TemplateMiner(restoring: again)
        #expect(second.add("yet another shape of message, longer than the others were") == TemplateID(rawValue: 43))
    }
}
