// The slow path: tree lookup, similarity, joining or creating a group.

extension TemplateMiner {
    static let rootKey: UInt64 = 0x7669_6769_6C5F_6C6F

    /// Node keys from the token-count node down to the leaf for these tokens. A token
    /// without a child goes to the `<*>` child once the node has `maxChildrenPerNode`.
    func resolvePath(_ tokens: [MaskedToken]) -> [UInt64] {
        var key = FNV.combine(Self.rootKey, UInt64(truncatingIfNeeded: tokens.count))
        var path = [key]
        let depth = min(configuration.prefixDepth, tokens.count)
        path.reserveCapacity(depth + 1)
        for d in 0..<depth {
            let token = tokens[d]
            var child = FNV.combine(key, token.isWildcard ? FNV.wildcard : token.hash)
            if nodes[child] == nil && Int(nodes[key] ?? 0) >= configuration.maxChildrenPerNode {
                child = FNV.combine(key, FNV.wildcard)
            }
            path.append(child)
            key = child
        }
        return path
    }

    /// Positions where the group accepts the token: equal, variable, or split.
    @inline(__always)
    func matchCount(_ g: Int, _ tokens: [MaskedToken]) -> Int {
        let group = groups[g]
        var matches = 0
        for p in 0..<tokens.count
        where group.hashes[p] == tokens[p].hash || !group.flags[p].isDisjoint(with: [.variable, .split]) {
            matches += 1
        }
        return matches
    }

    mutating func slowAdd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let tokens = sink.tokens
        let n = tokens.count
        var path = resolvePath(tokens)
        let leafKey = path[path.count - 1]
        var best = -1, bestMatches = -1
        let candidates = leaves[leafKey] ?? []
        for g in candidates {
            let m = matchCount(Int(g), tokens)
            if m > bestMatches {
                best = Int(g)
                bestMatches = m
            }
        }
        let atCap = liveEvents >= configuration.maxTemplates
        if best >= 0 {
            let similarity = n == 0 ? 1.0 : Double(bestMatches) / Double(n)
            let similar = similarity >= configuration.similarityThreshold
            if similar || candidates.count >= configuration.maxGroupsPerLeaf || atCap {
                return join(best, tokens, bytes, force: !similar)
            }
        }
        if atCap {
            evictLeastRecentlyUsed()
            path = resolvePath(tokens)
        }
        return createGroup(tokens, path, bytes)
    }

    func renderTexts(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var text = TextSink()
        MessageTokenizer.tokenize(bytes, maxTokens: configuration.maxTokens, into: &text)
        return text.texts
    }

    mutating func createGroup(_ tokens: [MaskedToken], _ path: [UInt64], _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        registerPath(path)
        let group = Group(
            serial: nextGroupSerial, path: path, hashes: tokens.map(\.hash), texts: renderTexts(bytes),
            flags: tokens.map { $0.isWildcard ? .wildcard : [] }, lastSeen: sequence)
        nextGroupSerial += 1
        let g: Int
        if let free = freeGroups.popLast() {
            g = Int(free)
            groups[g] = group
        } else {
            g = groups.count
            groups.append(group)
        }
        leaves[path[path.count - 1], default: []].append(Int32(g))
        let e = createEvent(group: g, values: [], valueTexts: [], bytes)
        groups[g].events = [Int32(e)]
        groups[g].eventByKey[Self.keyHash([])] = Int32(e)
        structureVersion &+= 1
        return e
    }

    mutating func createEvent(group: Int, values: [UInt64], valueTexts: [String], _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let event = Event(id: nextID, group: Int32(group), values: values, valueTexts: valueTexts,
                          count: 1, firstSeen: sequence, lastSeen: sequence)
        let e: Int
        if let free = freeEvents.popLast() {
            e = Int(free)
            events[e] = event
        } else {
            e = events.count
            events.append(event)
        }
        slotByID[nextID] = Int32(e)
        nextID &+= 1
        liveEvents += 1
        groups[group].lastSeen = sequence
        recordExample(e, bytes)
        return e
    }

    /// Adds a message to group `g`. `force`: the message did not reach the threshold but
    /// must join (bounds) — every differing position becomes a variable.
    mutating func join(_ g: Int, _ tokens: [MaskedToken], _ bytes: UnsafeBufferPointer<UInt8>, force: Bool) -> Int {
        for p in 0..<tokens.count {
            let flags = groups[g].flags[p]
            if flags.contains(.variable) { continue }
            let token = tokens[p]
            if flags.contains(.split) {
                if token.isWildcard { makeVariable(g, p) }
                continue
            }
            if groups[g].hashes[p] != token.hash {
                if force || token.isWildcard || flags.contains(.wildcard) {
                    makeVariable(g, p)
                } else {
                    addSplit(g, p)
                }
            }
        }
        var key = keyOf(g, tokens)
        if let e = groups[g].eventByKey[key] {
            _ = hit(Int(e), bytes)
            return Int(e)
        }
        // A new template is needed; under a bound, generalise instead.
        while force || liveEvents >= configuration.maxTemplates
            || groups[g].events.count >= configuration.maxTemplatesPerGroup,
            let p = busiestSplitPosition(g) {
            makeVariable(g, p)
            key = keyOf(g, tokens)
            if let e = groups[g].eventByKey[key] {
                _ = hit(Int(e), bytes)
                return Int(e)
            }
        }
        var texts: [String] = []
        let split = groups[g].split
        if !split.isEmpty {
            let all = renderTexts(bytes)
            texts = split.map { all[$0] }
        }
        let e = createEvent(group: g, values: split.map { tokens[$0].hash }, valueTexts: texts, bytes)
        groups[g].events.append(Int32(e))
        groups[g].eventByKey[key] = Int32(e)
        structureVersion &+= 1
        let id = events[e].id
        checkVariability(g)
        return Int(slotByID[resolve(TemplateID(rawValue: id)).rawValue] ?? Int32(e))
    }

    func keyOf(_ g: Int, _ tokens: [MaskedToken]) -> UInt64 {
        var h = Self.keySeed
        for p in groups[g].split { h = FNV.combine(h, tokens[p].hash) }
        return h
    }

    static let keySeed: UInt64 = 0x6B65_795F_7365_6564

    static func keyHash(_ values: [UInt64]) -> UInt64 {
        var h = keySeed
        for v in values { h = FNV.combine(h, v) }
        return h
    }
}
