import Foundation
import VigilCore

/// The correlator's alert working set with the indexes its periodic work
/// needs, so a tick costs what changed, not how many alerts are tracked:
/// members per incident, suppressed alerts, inhibition sources, and a heap of
/// `endsAt` deadlines.
struct AlertIndex: Sendable {
    /// Alerts packed (see `PackedAlert`); unpacked on access.
    private var packed: [Fingerprint: PackedAlert] = [:]
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

    var count: Int { packed.count }
    subscript(fp: Fingerprint) -> StoredAlert? { packed[fp]?.unpack(fp) }

    /// Every tracked alert, unpacked (for restores and tests; the hot paths use the subscript).
    var byFingerprint: [Fingerprint: StoredAlert] {
        Dictionary(uniqueKeysWithValues: packed.map { ($0.key, $0.value.unpack($0.key)) })
    }

    /// Inserts or replaces an alert and keeps every index in step.
    mutating func put(_ a: StoredAlert) {
        let fp = a.fingerprint
        let old = packed.updateValue(PackedAlert(a), forKey: fp)
        effectiveEnds[fp] = nil
        if let oid = old?.incidentID, oid != a.incidentID { members[oid]?.remove(fp) }
        if let id = a.incidentID { members[id, default: []].insert(fp) }
        if a.status == .suppressed { suppressed.insert(fp) } else { suppressed.remove(fp) }
        if a.status != .resolved, let end = a.alert.endsAt, end != old?.endsAt || old?.status == .resolved {
            expiry.push(end.timeIntervalSince1970, fp)
            if expiry.count > 4 * packed.count + 1024 { rebuildExpiry() }
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
        guard let old = packed.removeValue(forKey: fp) else { return }
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
        guard let end, let a = packed[fp], a.status != .resolved else { return }
        effectiveEnds[fp] = end
        expiry.push(end.timeIntervalSince1970, fp)
        if expiry.count > 4 * packed.count + 1024 { rebuildExpiry() }
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
            guard let a = packed[top.fp], a.status != .resolved, let end = effectiveEnds[top.fp] ?? a.endsAt,
                  end.timeIntervalSince1970 <= t, seen.insert(top.fp).inserted else { continue }
            out.append(top.fp)
        }
        return out
    }

    private mutating func rebuildExpiry() {
        var heap = DeadlineHeap()
        for (fp, a) in packed where a.status != .resolved {
            if let end = effectiveEnds[fp] ?? a.endsAt { heap.push(end.timeIntervalSince1970, fp) }
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
