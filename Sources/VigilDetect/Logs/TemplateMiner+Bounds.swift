// Tree bookkeeping, eviction and freeing.

extension TemplateMiner {
    mutating func registerPath(_ path: [UInt64]) {
        if nodes[path[0]] == nil { nodes[path[0]] = 0 }
        for d in 1..<max(1, path.count) where nodes[path[d]] == nil {
            nodes[path[d]] = 0
            nodes[path[d - 1], default: 0] += 1
        }
    }

    /// Removes the nodes of `path` that no longer lead to any group.
    mutating func prunePath(_ path: [UInt64]) {
        var d = path.count - 1
        while d >= 0 {
            let key = path[d]
            guard let children = nodes[key], children == 0, leaves[key] == nil else { return }
            nodes[key] = nil
            if d > 0, let parent = nodes[path[d - 1]] { nodes[path[d - 1]] = parent - 1 }
            d -= 1
        }
    }

    mutating func freeEvent(_ slot: Int) {
        slotByID[events[slot].id] = nil
        events[slot].alive = false
        events[slot].values = []
        events[slot].valueTexts = []
        events[slot].examples = []
        freeEvents.append(Int32(slot))
        liveEvents -= 1
    }

    /// Evicts the least recently used sixteenth of templates (at least one).
    mutating func evictLeastRecentlyUsed() {
        var order: [(lastSeen: UInt64, id: UInt32, slot: Int)] = []
        order.reserveCapacity(liveEvents)
        for (slot, e) in events.enumerated() where e.alive { order.append((e.lastSeen, e.id, slot)) }
        order.sort { ($0.lastSeen, $0.id) < ($1.lastSeen, $1.id) }
        for victim in order.prefix(max(1, liveEvents / 16)) { evict(victim.slot) }
        pruneAliases()
        structureVersion &+= 1
    }

    mutating func evict(_ slot: Int) {
        let g = Int(events[slot].group)
        noteChange(.evicted(TemplateID(rawValue: events[slot].id), template: render(slot)))
        groups[g].events.removeAll { $0 == Int32(slot) }
        groups[g].eventByKey[Self.keyHash(events[slot].values)] = nil
        freeEvent(slot)
        if groups[g].events.isEmpty { removeGroup(g) }
    }

    mutating func removeGroup(_ g: Int) {
        let path = groups[g].path
        let leaf = path[path.count - 1]
        if var members = leaves[leaf] {
            members.removeAll { $0 == Int32(g) }
            leaves[leaf] = members.isEmpty ? nil : members
        }
        prunePath(path)
        groups[g] = Group(serial: 0, alive: false, path: [], hashes: [], texts: [], flags: [], lastSeen: 0)
        freeGroups.append(Int32(g))
    }

    /// Drops aliases that lead to evicted templates once there are many.
    mutating func pruneAliases() {
        guard aliases.count > 2 * configuration.maxTemplates else { return }
        aliases = aliases.filter { slotByID[resolve(TemplateID(rawValue: $0.key)).rawValue] != nil }
    }
}
