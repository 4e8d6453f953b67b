// Split positions, variables, and merging templates.

extension TemplateMiner {
    /// Position `p` of group `g` starts holding per-template values; existing templates
    /// keep the group's current token there.
    mutating func addSplit(_ g: Int, _ p: Int) {
        let j = groups[g].split.firstIndex { $0 > p } ?? groups[g].split.count
        groups[g].split.insert(p, at: j)
        groups[g].flags[p].insert(.split)
        let hash = groups[g].hashes[p], text = groups[g].texts[p]
        for e in groups[g].events {
            events[Int(e)].values.insert(hash, at: j)
            events[Int(e)].valueTexts.insert(text, at: j)
        }
        rebuildKeys(g)
        structureVersion &+= 1
    }

    mutating func rebuildKeys(_ g: Int) {
        var index: [UInt64: Int32] = [:]
        for e in groups[g].events { index[Self.keyHash(events[Int(e)].values)] = e }
        groups[g].eventByKey = index
    }

    /// Position `p` of group `g` becomes a variable. If it was split, templates that now
    /// coincide merge into the oldest (lowest ID), which keeps its ID.
    mutating func makeVariable(_ g: Int, _ p: Int) {
        groups[g].flags[p] = [.variable, .wildcard]
        groups[g].hashes[p] = FNV.wildcard
        groups[g].texts[p] = "<*>"
        structureVersion &+= 1
        guard let j = groups[g].split.firstIndex(of: p) else { return }
        groups[g].split.remove(at: j)
        var index: [UInt64: Int32] = [:]
        var kept: [Int32] = []
        for e in groups[g].events {
            let slot = Int(e)
            events[slot].values.remove(at: j)
            events[slot].valueTexts.remove(at: j)
            let key = Self.keyHash(events[slot].values)
            if let survivor = index[key] {
                merge(slot, into: Int(survivor))
            } else {
                index[key] = e
                kept.append(e)
            }
        }
        groups[g].events = kept
        groups[g].eventByKey = index
    }

    mutating func merge(_ absorbed: Int, into survivor: Int) {
        let a = events[absorbed]
        events[survivor].count &+= a.count
        events[survivor].firstSeen = min(events[survivor].firstSeen, a.firstSeen)
        events[survivor].lastSeen = max(events[survivor].lastSeen, a.lastSeen)
        let room = configuration.examplesPerTemplate - events[survivor].examples.count
        if room > 0 { events[survivor].examples.append(contentsOf: a.examples.prefix(room)) }
        aliases[a.id] = events[survivor].id
        noteChange(.merged(absorbed: TemplateID(rawValue: a.id), survivor: TemplateID(rawValue: events[survivor].id)))
        freeEvent(absorbed)
    }

    /// The conditional distinct-value rule: a split position becomes a variable once
    /// `distinctValuesForVariable` templates agree on all other split positions and
    /// differ at it. (Values that move together — `from NEW to SCHEDULED`, `from
    /// SCHEDULED to RUNNING` — never reach it; independent values such as user names do.)
    mutating func checkVariability(_ g: Int) {
        let k = configuration.distinctValuesForVariable
        for p in groups[g].split {
            guard groups[g].events.count >= k else { return }
            guard let j = groups[g].split.firstIndex(of: p) else { continue }
            var classes: [UInt64: [UInt64]] = [:]
            var reached = false
            for e in groups[g].events {
                let values = events[Int(e)].values
                var classKey = Self.keySeed
                for (i, v) in values.enumerated() where i != j { classKey = FNV.combine(classKey, v) }
                var seen = classes[classKey] ?? []
                if !seen.contains(values[j]) {
                    seen.append(values[j])
                    if seen.count >= k {
                        reached = true
                        break
                    }
                }
                classes[classKey] = seen
            }
            if reached { makeVariable(g, p) }
        }
    }

    /// The split position with the most distinct values (lowest position on ties).
    func busiestSplitPosition(_ g: Int) -> Int? {
        var best: Int?
        var bestCount = -1
        for (j, p) in groups[g].split.enumerated() {
            var seen: Set<UInt64> = []
            for e in groups[g].events { seen.insert(events[Int(e)].values[j]) }
            if seen.count > bestCount {
                best = p
                bestCount = seen.count
            }
        }
        return best
    }
}
