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
    var counts: [CountKey: CountValue] = [:]
    /// Templates the miner created since the last commit, with the level of their first line.
    var created: [TemplateID: String?] = [:]
    /// Whether a template's text carries failure words (for lines without a level).
    var failureWords: [TemplateID: Bool] = [:]
    /// Log anomalies over the per-minute counts; nil when `detect.logs.enabled` is off.
    var detector: LogAnomalyDetector?

    struct CountKey: Hashable, Sendable {
        let id: TemplateID
        let service: String
        let minute: Int64
    }

    struct CountValue: Sendable {
        var lines: Int64 = 0
        var errors: Int64 = 0
        var host = ""

        mutating func add(_ isError: Bool) {
            lines += 1
            if isError { errors += 1 }
        }
    }

    /// What one commit writes and what the anomaly detector is told.
    struct Changes: Sendable {
        var templates: [StoredLogTemplate] = []
        var counts: [LogTemplateCount] = []
        var observations: [LogObservation] = []
    }


    /// Restores the miner from its last snapshot, with IDs continuing above any stored template.
    static func load(store: any LogStore, anomalies: LogAnomalyConfiguration?, logger: Logger) async throws -> LogMiningState {
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
        var state = LogMiningState(miner: miner)
        if let anomalies {
            state.detector = LogAnomalyDetector(configuration: anomalies)
            if let bytes = try await store.state(key: LogWriter.detectorKey) {
                do {
                    let saved = try JSONDecoder().decode(LogAnomalyDetector.self, from: Data(bytes))
                    state.detector = saved.reconfigured(anomalies)
                } catch {
                    logger.error("log anomaly baselines unreadable; learning afresh", metadata: ["error": "\(error)"])
                }
            }
        }
        return state
    }

    mutating func mine(_ records: [LogRecord], now: Date) {
        for r in records {
            let (id, headerLevel) = headers.mine(r.message, into: &miner)
            let level = r.level ?? headerLevel.map(LogLevel.normalise)
            let minute = Int64((r.time.timeIntervalSince1970 / 60).rounded(.down))
            let firstHere = known[id] == nil
            if firstHere, let live = miner.template(for: id) {
                if live.count == 1 { created[id] = level }
                failureWords[id] = NewTemplateScore.hasErrorWords(live.template)
            }
            let rank = level.flatMap { LevelRank.of($0) }
            let isError = rank.map { $0 >= 3 } ?? (failureWords[id] ?? false)
            counts[CountKey(id: id, service: r.service, minute: minute), default: CountValue(host: r.host)].add(isError)
            // In place: no copy of the stored template per line.
            known[id, default: StoredLogTemplate(id: Int64(id.rawValue), template: "", count: 0, firstSeen: now,
                                                 lastSeen: now, level: nil, examples: [])].touch(now, level: rank, name: level)
            dirty.insert(id)
        }
    }

    /// The templates and counts to write and the detector's observations, resetting the pending sets.
    mutating func takeChanges(now: Date) -> Changes {
        for change in miner.drainChanges() {
            switch change {
            case .merged(let absorbed, let survivor):
                if var t = known[absorbed] {
                    t.mergedInto = Int64(survivor.rawValue)
                    known[absorbed] = t
                    dirty.insert(absorbed)
                }
                detector?.merge(absorbed.rawValue, into: survivor.rawValue, at: now)
            case .evicted(let id, _):
                known[id] = nil
                dirty.remove(id)
                failureWords[id] = nil
                detector?.forget(id.rawValue, at: now)
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
        var changes = Changes(templates: templates)
        changes.counts = counts.map { LogTemplateCount(templateID: Int64($0.key.id.rawValue), service: $0.key.service,
                                                       minute: $0.key.minute, count: $0.value.lines) }
        if detector != nil { changes.observations = observations() }
        counts.removeAll(keepingCapacity: true)
        created.removeAll(keepingCapacity: true)
        return changes
    }

    /// Pending counts folded per template and service (the detector counts by arrival, not by line time).
    private func observations() -> [LogObservation] {
        struct Key: Hashable { let id: TemplateID, service: String }
        var folded: [Key: LogObservation] = [:]
        for (k, v) in counts {
            let key = Key(id: miner.resolve(k.id), service: k.service)
            var o = folded[key] ?? LogObservation(templateID: key.id.rawValue, service: k.service, host: v.host, lines: 0)
            o.lines += Int(v.lines)
            o.errorLines += Int(v.errors)
            if let level = created[k.id], o.newTemplate == nil, let live = miner.template(for: key.id) {
                o.newTemplate = .init(level: level, template: live.template)
            }
            folded[key] = o
        }
        return Array(folded.values)
    }

    /// Fills an anomaly about a template with the template's text and examples.
    func describe(_ anomaly: Anomaly) -> Anomaly {
        guard let raw = anomaly.evidence.templateID, let live = miner.template(for: miner.resolve(TemplateID(rawValue: UInt32(raw))))
        else { return anomaly }
        var a = anomaly
        a.evidence.template = live.template
        a.evidence.examples = live.examples
        if a.kind != .newTemplate {
            a.title = a.title.replacingOccurrences(of: a.subject, with: "“\(live.template.prefix(100))”")
        }
        return a
    }

    func detectorBytes() -> [UInt8]? {
        detector.flatMap { try? Array(JSONEncoder().encode($0)) }
    }

    func snapshotBytes() -> [UInt8]? {
        try? Array(JSONEncoder().encode(miner.snapshot()))
    }
}

/// Severity order of the normalised level names, without a dictionary lookup per line.
enum LevelRank {
    static func of(_ level: String) -> Int? {
        switch level {
        case "debug": 0
        case "info": 1
        case "warning": 2
        case "error": 3
        case "critical": 4
        default: nil
        }
    }
}

extension StoredLogTemplate {
    /// Seen again at `now`, at `rank` (keeps the most severe level seen).
    mutating func touch(_ now: Date, level rank: Int?, name: String?) {
        lastSeen = now
        if let rank, let name, rank > (level.flatMap(LevelRank.of) ?? -1) { level = name }
    }
}
