import Foundation
import Logging
import VigilCore
import VigilDetect

/// What the log writer keeps between batches: the template miner, the
/// templates changed since the last commit, and per-minute counts not yet written.
struct LogMiningState: Sendable {
    var miner: TemplateMiner
    let headers = HeaderDetector()
    /// Wall-clock first/last seen and worst level per template (the miner counts lines, not time).
    var known: [TemplateID: StoredLogTemplate] = [:]
    var dirty: Set<TemplateID> = []
    var counts: [CountKey: Int64] = [:]

    struct CountKey: Hashable, Sendable {
        let id: TemplateID
        let service: String
        let minute: Int64
    }

    static let levelRank = ["debug": 0, "info": 1, "warning": 2, "error": 3, "critical": 4]

    /// Restores the miner from its last snapshot, with IDs continuing above any stored template.
    static func load(store: any LogStore, logger: Logger) async throws -> LogMiningState {
        var miner = TemplateMiner()
        if let bytes = try await store.state(key: LogWriter.minerKey) {
            do {
                var snap = try JSONDecoder().decode(TemplateMinerSnapshot.self, from: Data(bytes))
                let maxStored = try await store.maxLogTemplateID()
                snap.continueIDs(after: UInt32(clamping: maxStored))
                miner = try TemplateMiner(restoring: snap)
                logger.info("template miner restored", metadata: ["logs.templates": "\(miner.templateCount)"])
            } catch {
                logger.error("template miner snapshot unreadable; starting fresh", metadata: ["error": "\(error)"])
            }
        } else {
            let maxStored = try await store.maxLogTemplateID()
            if maxStored > 0 {
                var snap = miner.snapshot()
                snap.continueIDs(after: UInt32(clamping: maxStored))
                miner = try TemplateMiner(restoring: snap)
            }
        }
        return LogMiningState(miner: miner)
    }

    mutating func mine(_ records: [LogRecord], now: Date) {
        for r in records {
            var message = Substring(r.message)
            var level = r.level
            let h = headers.parse(r.message)
            if h.message.count < r.message.count {
                message = Substring(h.message)
                if level == nil, let l = h.level { level = LogLevel.normalise(l) }
            }
            let id = miner.add(message)
            let minute = Int64((r.time.timeIntervalSince1970 / 60).rounded(.down))
            counts[CountKey(id: id, service: r.service, minute: minute), default: 0] += 1
            var t = known[id] ?? StoredLogTemplate(id: Int64(id.rawValue), template: "", count: 0, firstSeen: now,
                                                   lastSeen: now, level: nil, examples: [])
            t.lastSeen = now
            if let level, (Self.levelRank[level] ?? 0) > (t.level.flatMap { Self.levelRank[$0] } ?? -1) { t.level = level }
            known[id] = t
            dirty.insert(id)
        }
    }

    /// The templates and counts to write, resetting the pending sets.
    mutating func takeChanges() -> ([StoredLogTemplate], [LogTemplateCount]) {
        for change in miner.drainChanges() {
            switch change {
            case .merged(let absorbed, let survivor):
                if var t = known[absorbed] {
                    t.mergedInto = Int64(survivor.rawValue)
                    known[absorbed] = t
                    dirty.insert(absorbed)
                }
            case .evicted(let id, _):
                known[id] = nil
                dirty.remove(id)
            }
        }
        var templates: [StoredLogTemplate] = []
        for id in dirty {
            guard var t = known[id] else { continue }
            if let live = miner.template(for: id) {
                t.template = live.template
                t.count = Int64(live.count)
                t.examples = live.examples
            }
            guard !t.template.isEmpty else { continue }
            known[id] = t
            templates.append(t)
        }
        dirty.removeAll(keepingCapacity: true)
        let c = counts.map { LogTemplateCount(templateID: Int64($0.key.id.rawValue), service: $0.key.service,
                                              minute: $0.key.minute, count: $0.value) }
        counts.removeAll(keepingCapacity: true)
        return (templates, c)
    }

    func snapshotBytes() -> [UInt8]? {
        try? Array(JSONEncoder().encode(miner.snapshot()))
    }
}
