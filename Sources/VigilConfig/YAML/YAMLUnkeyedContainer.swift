import Yams

/// An unkeyed container over a YAML sequence; element paths read `section.list[3]`.
struct YAMLUnkeyedContainer: UnkeyedDecodingContainer {
    private let decoder: YAMLNodeDecoder
    private let items: [Node]

    private(set) var currentIndex = 0

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(decoder: YAMLNodeDecoder) throws {
        guard case .sequence(let sequence) = decoder.node else {
            throw decoder.typeMismatch(expected: "a list")
        }
        self.decoder = decoder
        self.items = Array(sequence)
    }

    /// The decoder for the current element, or an error when the list is exhausted.
    private func currentDecoder() throws -> YAMLNodeDecoder {
        guard !isAtEnd else {
            throw decoder.fail("expected more elements in the list (it has \(items.count))")
        }
        return decoder.child(items[currentIndex], key: YAMLIndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard try currentDecoder().node.isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try currentDecoder().decode(type)
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) }

    /// Routes the concrete overloads through the generic path.
    private mutating func next<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try currentDecoder().decode(type)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try currentDecoder().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try currentDecoder().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = try currentDecoder()
        currentIndex += 1
        return decoder
    }
}
