// Persisting the miner: a Codable value with everything that decides future assignments.

/// The persisted state of a `TemplateMiner` (encode it with any Codable encoder).
/// Restoring it gives a miner that assigns the same IDs to the same subsequent messages as
/// the original would have.
public struct TemplateMinerSnapshot: Codable, Sendable, Equatable {
    /// Format version of this snapshot.
    public var version: Int
    var configuration: TemplateMinerConfiguration
    var nextID: UInt32
    var nextGroupSerial: UInt64
    var sequence: UInt64
    var groups: [GroupState]
    var aliases: [Alias]

    /// Number of templates in the snapshot.
    public var templateCount: Int { groups.reduce(0) { $0 + $1.events.count } }

    /// Makes the restored miner assign new IDs above `id` (for example the largest ID a
    /// store already holds, so IDs are never reused after a lost snapshot).
    public mutating func continueIDs(after id: UInt32) {
        nextID = max(nextID, id == .max ? .max : id + 1)
    }

    struct GroupState: Codable, Sendable, Equatable {
        var serial: UInt64
        var path: [UInt64]
        var hashes: [UInt64]
        var texts: [String]
        var flags: [UInt8]
        var split: [Int]
        var lastSeen: UInt64
        var events: [EventState]
    }

    struct EventState: Codable, Sendable, Equatable {
        var id: UInt32
        var values: [UInt64]
        var valueTexts: [String]
        var count: UInt64
        var firstSeen: UInt64
        var lastSeen: UInt64
        var examples: [String]
        var exampleCursor: Int
    }

    struct Alias: Codable, Sendable, Equatable {
        var from: UInt32
        var to: UInt32
    }
}

/// A snapshot that cannot be restored.
public struct TemplateMinerSnapshotError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension TemplateMiner {
    /// The current state as a Codable value.
    public func snapshot() -> TemplateMinerSnapshot {
        let live = groups.filter(\.alive).sorted { $0.serial < $1.serial }
        let states = live.map { g in
            TemplateMinerSnapshot.GroupState(
                serial: g.serial, path: g.path, hashes: g.hashes, texts: g.texts, flags: g.flags.map(\.rawValue),
                split: g.split, lastSeen: g.lastSeen,
                events: g.events.map { slot in
                    let e = events[Int(slot)]
                    return TemplateMinerSnapshot.EventState(
                        id: e.id, values: e.values, valueTexts: e.valueTexts, count: e.count, firstSeen: e.firstSeen,
                        lastSeen: e.lastSeen, examples: e.examples, exampleCursor: e.exampleCursor)
                })
        }
        return TemplateMinerSnapshot(
            version: 1, configuration: configuration, nextID: nextID, nextGroupSerial: nextGroupSerial,
            sequence: sequence, groups: states,
            aliases: aliases.sorted { $0.key < $1.key }.map { .init(from: $0.key, to: $0.value) })
    }

    /// A miner restored from a snapshot (its own configuration is used).
    public init(restoring snapshot: TemplateMinerSnapshot) throws {
        guard snapshot.version == 1 else {
            throw TemplateMinerSnapshotError(description: "unsupported template miner snapshot version \(snapshot.version)")
        }
        self.init(configuration: snapshot.configuration)
        nextID = snapshot.nextID
        nextGroupSerial = snapshot.nextGroupSerial
        sequence = snapshot.sequence
        for state in snapshot.groups {
            let n = state.hashes.count
            guard !state.path.isEmpty, state.texts.count == n, state.flags.count == n,
                  state.split.allSatisfy({ $0 >= 0 && $0 < n }), !state.events.isEmpty else {
                throw TemplateMinerSnapshotError(description: "inconsistent group \(state.serial) in template miner snapshot")
            }
            let g = groups.count
            var group = Group(
                serial: state.serial, path: state.path, hashes: state.hashes, texts: state.texts,
                flags: state.flags.map { PositionFlags(rawValue: $0) }, lastSeen: state.lastSeen)
            group.split = state.split
            for e in state.events {
                guard e.values.count == state.split.count, e.valueTexts.count == state.split.count,
                      slotByID[e.id] == nil else {
                    throw TemplateMinerSnapshotError(description: "inconsistent template E\(e.id) in template miner snapshot")
                }
                let slot = Int32(events.count)
                var event = Event(id: e.id, group: Int32(g), values: e.values, valueTexts: e.valueTexts,
                                  count: e.count, firstSeen: e.firstSeen, lastSeen: e.lastSeen)
                event.examples = e.examples
                event.exampleCursor = e.exampleCursor
                events.append(event)
                slotByID[e.id] = slot
                group.events.append(slot)
                group.eventByKey[Self.keyHash(e.values)] = slot
                liveEvents += 1
            }
            groups.append(group)
            registerPath(state.path)
            leaves[state.path[state.path.count - 1], default: []].append(Int32(g))
        }
        for alias in snapshot.aliases { aliases[alias.from] = alias.to }
    }
}
