// Online log template miner of the Drain family.
//
// Messages are tokenised and masked (MessageTokenizer), then routed down a tree keyed by
// token count and the first `prefixDepth` tokens to a leaf holding *groups*. A message
// joins the most similar group in its leaf when enough of its tokens match (threshold),
// otherwise it starts a new group.
//
// Unlike plain Drain, a group does not turn a differing token into `<*>` straight away:
// the position becomes a *split* position, and the group holds one template per
// combination of values at its split positions (so `Transitioned from NEW to SCHEDULED`
// and `… from SCHEDULED to RUNNING` stay apart). A split position becomes a variable —
// its templates merge into the oldest one, whose ID survives — when
//   • one of its values is a masked variable (a position that held a number is a variable), or
//   • `distinctValuesForVariable` templates agree on every other split position and differ
//     here (user names, file names: many values in the same context).
// Masked tokens, a tree over leading tokens and length buckets follow Drain.
//
// Bounds: tree nodes have at most `maxChildrenPerNode` children (further tokens share a
// `<*>` child); a leaf holds at most `maxGroupsPerLeaf` groups (a message that matches none
// joins the most similar one and generalises it); a group holds at most
// `maxTemplatesPerGroup` templates, and the miner at most `maxTemplates` (past either, the
// busiest split position becomes a variable; if a new group is still needed, the least
// recently used sixteenth of templates is evicted). Messages that are mostly variables
// therefore cannot grow the template count past `maxTemplates`.
//
// A shape cache (hash of the masked token sequence → template) makes repeated shapes cost
// one tokenisation and one hash lookup. It is cleared on any structural change, so it
// never changes an assignment.

/// Online template miner. A value type: copy it to fork, `snapshot()` to persist.
public struct TemplateMiner: Sendable {
    /// The settings this miner was made with.
    public let configuration: TemplateMinerConfiguration

    // ── state ────────────────────────────────────────────────────────────────
    var groups: [Group] = []
    var freeGroups: [Int32] = []
    var events: [Event] = []
    var freeEvents: [Int32] = []
    var slotByID: [UInt32: Int32] = [:]
    var aliases: [UInt32: UInt32] = [:]
    /// Tree node key → number of children.
    var nodes: [UInt64: Int32] = [:]
    /// Leaf node key → groups, in creation order.
    var leaves: [UInt64: [Int32]] = [:]
    var nextID: UInt32 = 1
    var nextGroupSerial: UInt64 = 1
    /// Messages seen so far (the logical clock for first/last seen and LRU).
    public internal(set) var sequence: UInt64 = 0
    var liveEvents = 0
    var pendingChanges: [TemplateChange] = []

    // ── fast path ────────────────────────────────────────────────────────────
    var structureVersion: UInt64 = 0
    var cacheVersion: UInt64 = 0
    var shapeCache: ShapeCache
    var sink = HashingSink()

    /// A new, empty miner.
    public init(configuration: TemplateMinerConfiguration = .default) {
        self.configuration = configuration
        shapeCache = ShapeCache(capacity: configuration.shapeCacheCapacity)
    }

    // ── adding messages ─────────────────────────────────────────────────────

    /// Mines one message (without header) and returns the ID of its template as of now.
    @discardableResult
    public mutating func add(_ message: String) -> TemplateID {
        var message = message
        return message.withUTF8 { add(bytes: $0) }
    }

    /// Mines one message given as a substring.
    @discardableResult
    public mutating func add(_ message: Substring) -> TemplateID {
        var message = message
        return message.withUTF8 { add(bytes: $0) }
    }

    /// Mines one message given as UTF-8 bytes (the fast entry point: no copies).
    @discardableResult
    public mutating func add(bytes: UnsafeBufferPointer<UInt8>) -> TemplateID {
        sequence &+= 1
        sink.reset()
        MessageTokenizer.tokenize(bytes, maxTokens: configuration.maxTokens, into: &sink)
        let shape = sink.shape
        if cacheVersion == structureVersion, let slot = shapeCache.lookup(shape) {
            return hit(Int(slot), bytes)
        }
        let before = structureVersion
        let slot = slowAdd(bytes)
        if configuration.shapeCacheCapacity > 0 {
            if cacheVersion != structureVersion {
                shapeCache.clear()
                cacheVersion = structureVersion
            }
            // Only cache when this message changed nothing: the cache must agree with the tree.
            if before == structureVersion { shapeCache.insert(shape, Int32(slot)) }
        }
        return TemplateID(rawValue: events[slot].id)
    }

    @inline(__always)
    mutating func hit(_ slot: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> TemplateID {
        let count = events[slot].count &+ 1
        events[slot].count = count
        events[slot].lastSeen = sequence
        groups[Int(events[slot].group)].lastSeen = sequence
        if count & (count &- 1) == 0 || count & 4095 == 0 {
            recordExample(slot, bytes)
        }
        return TemplateID(rawValue: events[slot].id)
    }

    mutating func recordExample(_ slot: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let keep = configuration.examplesPerTemplate
        guard keep > 0 else { return }
        let length = min(bytes.count, configuration.maxExampleBytes)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
        if events[slot].examples.count < keep {
            events[slot].examples.append(text)
        } else {
            let at = events[slot].exampleCursor % keep
            events[slot].examples[at] = text
            events[slot].exampleCursor = (at + 1) % keep
        }
    }

    // ── queries ─────────────────────────────────────────────────────────────

    /// The live ID an earlier ID stands for now (after merges); the ID itself if it was
    /// never merged. An evicted ID resolves to itself and has no template.
    public func resolve(_ id: TemplateID) -> TemplateID {
        var current = id.rawValue
        var steps = 0
        while let next = aliases[current], steps < 64 {
            current = next
            steps += 1
        }
        return TemplateID(rawValue: current)
    }

    /// The template an ID stands for (following merges), or nil if it was evicted.
    public func template(for id: TemplateID) -> LogTemplate? {
        guard let slot = slotByID[resolve(id).rawValue] else { return nil }
        return describe(Int(slot))
    }

    /// All live templates, ordered by ID.
    public var templates: [LogTemplate] {
        slotByID.keys.sorted().compactMap { id in slotByID[id].map { describe(Int($0)) } }
    }

    /// Number of live templates.
    public var templateCount: Int { liveEvents }

    /// Whether `drainChanges()` has anything to return.
    public var hasPendingChanges: Bool { !pendingChanges.isEmpty }

    /// Returns and clears the merges and evictions since the last call (at most the
    /// latest 65,536 are kept when nobody drains them).
    public mutating func drainChanges() -> [TemplateChange] {
        defer { pendingChanges.removeAll(keepingCapacity: true) }
        return pendingChanges
    }

    func describe(_ slot: Int) -> LogTemplate {
        let e = events[slot]
        return LogTemplate(
            id: TemplateID(rawValue: e.id), template: render(slot), count: e.count,
            firstSeen: e.firstSeen, lastSeen: e.lastSeen, examples: e.examples)
    }

    /// The masked text of a template: group tokens with this template's split values.
    func render(_ slot: Int) -> String {
        let e = events[slot]
        let g = groups[Int(e.group)]
        var parts = g.texts
        for (j, p) in g.split.enumerated() where j < e.valueTexts.count { parts[p] = e.valueTexts[j] }
        return parts.joined(separator: " ")
    }

    mutating func noteChange(_ change: TemplateChange) {
        if pendingChanges.count >= 65_536 { pendingChanges.removeFirst(32_768) }
        pendingChanges.append(change)
    }
}

// ── storage records ─────────────────────────────────────────────────────────

/// Per-position flags of a group.
struct PositionFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    /// Decided variable: matches any token.
    static let variable = PositionFlags(rawValue: 1)
    /// Split: each template of the group has its own value here.
    static let split = PositionFlags(rawValue: 2)
    /// The template token is a bare `<*>` (masked, or variable).
    static let wildcard = PositionFlags(rawValue: 4)
}

/// Messages of one token count and (mostly) one constant skeleton.
struct Group: Sendable {
    var serial: UInt64
    var alive = true
    /// Tree node keys from the token-count node to the leaf.
    var path: [UInt64]
    var hashes: [UInt64]
    var texts: [String]
    var flags: [PositionFlags]
    /// Split positions, ascending.
    var split: [Int] = []
    /// Templates (event slots), ascending ID.
    var events: [Int32] = []
    var eventByKey: [UInt64: Int32] = [:]
    var lastSeen: UInt64
}

/// One template: a group plus values at the group's split positions.
struct Event: Sendable {
    var id: UInt32
    var group: Int32
    var alive = true
    var values: [UInt64]
    var valueTexts: [String]
    var count: UInt64
    var firstSeen: UInt64
    var lastSeen: UInt64
    var examples: [String] = []
    var exampleCursor = 0
}
