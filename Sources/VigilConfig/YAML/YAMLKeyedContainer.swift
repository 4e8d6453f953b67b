import Yams

/// A keyed container over a YAML mapping.
///
/// When `Key` is `CaseIterable` (as every configuration struct's `CodingKeys` is), every key in
/// the mapping must be one of `Key.allCases`; anything else is reported as an unknown key at
/// the key's own line and column.
struct YAMLKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    private let decoder: YAMLNodeDecoder
    private let entries: [YAMLEntry]
    private let index: [String: Int]

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        entries.compactMap { Key(stringValue: $0.key) ?? Int($0.key).flatMap(Key.init(intValue:)) }
    }

    init(decoder: YAMLNodeDecoder) throws {
        guard case .mapping(let mapping) = decoder.node else {
            throw decoder.typeMismatch(expected: "a mapping")
        }
        let entries = try mappingEntries(of: mapping, decoder: decoder)
        if let allowed = allowedKeys(of: Key.self) {
            let allowedSet = Set(allowed)
            if let unknown = entries.first(where: { !allowedSet.contains($0.key) }) {
                throw Self.unknownKeyError(unknown, allowed: allowed, decoder: decoder)
            }
        }
        self.decoder = decoder
        self.entries = entries
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            index[entry.key] = position
        }
        self.index = index
    }

    private static func unknownKeyError(_ entry: YAMLEntry, allowed: [String], decoder: YAMLNodeDecoder) -> ConfigError {
        let section = decoder.codingPath.isEmpty ? "at the top level" : "in '\(formatPath(decoder.codingPath))'"
        let expectation = allowed.isEmpty ? "no keys are allowed here" : "expected one of: \(allowed.joined(separator: ", "))"
        // The section is named in the message, so the error's path stays empty and the
        // description reads `file:line:column: unknown key 'x' in 'section' (...)`.
        return decoder.context.error(
            "unknown key '\(abbreviate(entry.key))' \(section) (\(expectation))",
            at: entry.keyNode.mark ?? decoder.mark,
            path: []
        )
    }

    func contains(_ key: Key) -> Bool {
        index[key.stringValue] != nil
    }

    /// The decoder for the value under `key`, or a "missing required key" error at the mapping.
    private func valueDecoder(for key: Key) throws -> YAMLNodeDecoder {
        guard let position = index[key.stringValue] else {
            throw decoder.context.error(
                "missing required key '\(key.stringValue)'",
                at: decoder.sectionMark,
                path: decoder.codingPath
            )
        }
        let entry = entries[position]
        return decoder.child(entry.value, key: key, keyMark: entry.keyNode.mark)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try valueDecoder(for: key).node.isNull
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try valueDecoder(for: key).decode(type)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }

    /// Routes the concrete overloads through the generic path (and so through `T.init(from:)`).
    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try valueDecoder(for: key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try valueDecoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try valueDecoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        superDecoder(named: YAMLStringKey("super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        superDecoder(named: key)
    }

    /// The decoder for the value under `key`, or for `null` when the key is absent.
    private func superDecoder(named key: any CodingKey) -> YAMLNodeDecoder {
        guard let position = index[key.stringValue] else {
            return decoder.child(Node("~"), key: key)
        }
        let entry = entries[position]
        return decoder.child(entry.value, key: key, keyMark: entry.keyNode.mark)
    }
}
