import Yams

/// A single-value container over a YAML node: parses scalars into Swift primitives.
///
/// Scalars are read by their text, whatever their quoting: `port: "8080"` is an integer
/// and `name: 123` is the string `"123"`. Only `null`, `~` and an empty plain value are null.
struct YAMLSingleValueContainer: SingleValueDecodingContainer {
    let decoder: YAMLNodeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        decoder.node.isNull
    }

    /// The text of a non-null scalar, or a type error naming `expected`.
    private func text(expected: String) throws -> String {
        guard case .scalar(let scalar) = decoder.node, !decoder.node.isNull else {
            throw decoder.typeMismatch(expected: expected)
        }
        return scalar.string
    }

    func decode(_ type: String.Type) throws -> String {
        try text(expected: "a string")
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        let expected = "true or false"
        guard let value = parseYAMLBool(try text(expected: expected)) else {
            throw decoder.typeMismatch(expected: expected)
        }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard let value = parseYAMLDouble(try text(expected: "a number")) else {
            throw decoder.typeMismatch(expected: "a number")
        }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float {
        Float(try decode(Double.self))
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch parseYAMLInteger(try text(expected: "an integer"), as: type) {
        case .value(let value):
            return value
        case .outOfRange:
            throw decoder.typeMismatch(expected: "an integer between \(T.min) and \(T.max)")
        case .invalid:
            throw decoder.typeMismatch(expected: "an integer")
        }
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.decode(type)
    }
}
