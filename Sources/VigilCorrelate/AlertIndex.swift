import Foundation
import VigilCore

/// The correlator's alert working set with the indexes its periodic work
/// needs, so a tick costs what changed, not how many alerts are tracked:
/// members per incident, suppressed alerts, inhibition sources, and a heap of
/// `endsAt` deadlines.
struct AlertIndex: Sendable {
    private(set) var byFingerprint: [Fingerprint: StoredAlert] = [:]
    /// Every tracked alert of each incident, firing or not.
    private(set) var members: [String: Set<Fingerprint>] = [:]
    private(set) var suppressed: Set<Fingerprint> = []
    /// Firing alerts that match some inhibition rule's source matchers.
    private(set) var inhibitSources: [Fingerprint: LabelSet] = [:]
    private var expiry = DeadlineHeap()
    /// Deadlines newer than the stored `endsAt` (re-sends not worth a write).
    private(set) var effectiveEnds: [Fingerprint: Date] = [:]
    let rules: [InhibitRule]

    init(rules: [InhibitRule]) { self.rules = rules }

    var count: Int { byFingerprint.count }
    subscript(fp: Fingerprint) -> StoredAlert? { byFingerprint[fp] }

    /// Inserts or replaces an alert and keeps every index in step.
    mutating func put(_ a: StoredAlert) {
        let fp = a.fingerprint
        let old = byFingerprint.updateValue(a, forKey: fp)
        effectiveEnds[fp] = nil
        if let oid = old?.incidentID, oid != a.incidentID { members[oid]?.remove(fp) }
        if let id = a.incidentID { members[id, default: []].insert(fp) }
        if a.status == .suppressed { suppressed.insert(fp) } else { suppressed.remove(fp) }
        if a.status != .resolved, let end = a.alert.endsAt, end != old?.alert.endsAt || old?.status == .resolved {
            expiry.push(end.timeIntervalSince1970, fp)
            if expiry.count > 4 * byFingerprint.count + 1024 { rebuildExpiry() }
        }
        if !rules.isEmpty {
            if a.status != .resolved, rules.contains(where: { $0.isSource(a.alert.labels) }) {
                inhibitSources[fp] = a.alert.labels
            } else {
                inhibitSources[fp] = nil
            }
        }
    }

    mutating func remove(_ fp: Fingerprint) {
        guard let old = byFingerprint.removeValue(forKey: fp) else { return }
        if let id = old.incidentID {
            members[id]?.remove(fp)
            if members[id]?.isEmpty == true { members[id] = nil }
        }
        suppressed.remove(fp)
        inhibitSources[fp] = nil
        effectiveEnds[fp] = nil
    }

    /// Moves an alert's deadline in memory only (see `Correlator.refreshSlack`).
    mutating func extendDeadline(_ fp: Fingerprint, to end: Date?) {
        guard let end, let a = byFingerprint[fp], a.status != .resolved else { return }
        effectiveEnds[fp] = end
        expiry.push(end.timeIntervalSince1970, fp)
        if expiry.count > 4 * byFingerprint.count + 1024 { rebuildExpiry() }
    }

    /// When the alert really ends: the in-memory deadline if newer than the stored one.
    func deadline(of a: StoredAlert) -> Date? { effectiveEnds[a.fingerprint] ?? a.alert.endsAt }

    mutating func dropMembers(of incidentID: String) { members[incidentID] = nil }

    /// Unresolved alerts whose `endsAt` is at or before `now`.
    mutating func expired(at now: Date) -> [Fingerprint] {
        let t = now.timeIntervalSince1970
        var out: [Fingerprint] = []
        var seen: Set<Fingerprint> = []
        while let top = expiry.min, top.time <= t {
            expiry.popMin()
            guard let a = byFingerprint[top.fp], a.status != .resolved, let end = deadline(of: a),
                  end.timeIntervalSince1970 <= t, seen.insert(top.fp).inserted else { continue }
            out.append(top.fp)
        }
        return out
    }

    private mutating func rebuildExpiry() {
        var heap = DeadlineHeap()
        for (fp, a) in byFingerprint where a.status != .resolved {
            if let end = deadline(of: a) { heap.push(end.timeIntervalSince1970, fp) }
        }
        expiry = heap
    }
}

/// A binary min-heap of (deadline, fingerprint); stale entries are skipped by the reader.
struct DeadlineHeap: Sendable {
    private var items: [(time: Double, fp: Fingerprint)] = []

    var count: Int { items.count }
    var min: (time: Double, fp: Fingerprint)? { items.first }

    mutating func push(_ time: Double, _ fp: Fingerprint) {
        items.append((time, fp))
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard items[i].time < items[p].time else { break }
            items.swapAt(i, p)
            i = p
        }
    }

    mutating func popMin() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, items[l].time < items[m].time { m = l }
            if r < items.count, items[r].time < items[m].time { m = r }
            guard m != i else { return }
            items.swapAt(i, m)
            i = m
        }
    }
}
