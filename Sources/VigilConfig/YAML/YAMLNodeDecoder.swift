import Foundation
import Yams

/// A `Decoder` over one `Yams.Node`. Every error it raises is a ``ConfigError`` that carries
/// the file, the line and column of the node, and the coding path of the value.
struct YAMLNodeDecoder: Decoder {
    let context: YAMLContext
    let node: Node
    let codingPath: [any CodingKey]
    /// Where to point when the node has no position of its own (a synthesized node).
    let fallbackMark: Mark?
    /// The position of the mapping key this node is the value of, if any.
    var keyMark: Mark? = nil

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The position errors about this node are reported at.
    var mark: Mark? { node.mark ?? fallbackMark }

    /// The position errors about the node as a whole (a missing key) are reported at:
    /// the line of its key (`server:`) when it has one, otherwise the node itself.
    var sectionMark: Mark? { keyMark ?? mark }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try YAMLKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try YAMLUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        YAMLSingleValueContainer(decoder: self)
    }

    /// The decoder for a value nested in this node under `key`, written at `keyMark`.
    func child(_ node: Node, key: any CodingKey, keyMark: Mark? = nil) -> YAMLNodeDecoder {
        YAMLNodeDecoder(
            context: context,
            node: node,
            codingPath: codingPath + [key],
            fallbackMark: mark,
            keyMark: keyMark
        )
    }

    /// An error about this node.
    func fail(_ message: String) -> ConfigError {
        context.error(message, at: mark, path: codingPath)
    }

    /// `expected <what>, got <this node>`.
    func typeMismatch(expected: String) -> ConfigError {
        fail("expected \(expected), got \(node.summary)")
    }

    /// Decodes a `T` from this node. Errors thrown by `T.init(from:)` that are not
    /// already ``ConfigError``s are converted into one located at this node (or, for a
    /// `DecodingError` with a deeper coding path, at the node that path leads to).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type == URL.self {
            return try decodeURL()
        }
        do {
            return try T(from: self)
        } catch let error as ConfigError {
            throw error
        } catch let error as DecodingError {
            throw convert(error, decoding: type)
        } catch {
            throw fail("\(error)")
        }
    }

    /// Foundation's `URL` decodes itself from a keyed container; configuration files write it as a string.
    private func decodeURL<T>() throws -> T {
        let text = try YAMLSingleValueContainer(decoder: self).decode(String.self)
        guard !text.isEmpty, let url = URL(string: text), let result = url as? T else {
            throw typeMismatch(expected: "a URL")
        }
        return result
    }

    /// Turns a `DecodingError` thrown by a type's own `init(from:)` into a located ``ConfigError``.
    private func convert<T>(_ error: DecodingError, decoding type: T.Type) -> ConfigError {
        switch error {
        case .dataCorrupted(let errorContext):
            let target = locate(errorContext.codingPath)
            if target.codingPath.count == codingPath.count,
                case .scalar(let scalar) = node, !node.isNull,
                let allowed = allowedRawValues(of: type)
            {
                return fail(
                    "invalid value '\(abbreviate(scalar.string))' (expected one of: \(allowed.joined(separator: ", ")))"
                )
            }
            return target.fail(errorContext.debugDescription)
        case .typeMismatch(let expected, let errorContext), .valueNotFound(let expected, let errorContext):
            let target = locate(errorContext.codingPath)
            let detail = errorContext.debugDescription.isEmpty ? "" : " (\(errorContext.debugDescription))"
            return target.typeMismatch(expected: "a value of type \(expected)\(detail)")
        case .keyNotFound(let key, let errorContext):
            let target = locate(errorContext.codingPath)
            return context.error(
                "missing required key '\(key.stringValue)'",
                at: target.sectionMark,
                path: target.codingPath
            )
        @unknown default:
            return fail("\(error)")
        }
    }

    /// Follows an absolute coding path (one that starts with this decoder's path) down
    /// from this node as far as the YAML allows, keeping the full path for messages.
    private func locate(_ path: [any CodingKey]) -> YAMLNodeDecoder {
        guard path.count > codingPath.count else { return self }
        var current = self
        for key in path[codingPath.count...] {
            var next: (value: Node, keyMark: Mark?)?
            switch current.node {
            case .mapping(let mapping):
                let entry = (try? mappingEntries(of: mapping, decoder: current))?.first { $0.key == key.stringValue }
                next = entry.map { ($0.value, $0.keyNode.mark) }
            case .sequence(let sequence):
                if let index = key.intValue, sequence.indices.contains(index) {
                    next = (sequence[index], nil)
                }
            default:
                next = nil
            }
            guard let next else { break }
            current = current.child(next.value, key: key, keyMark: next.keyMark)
        }
        return YAMLNodeDecoder(
            context: context,
            node: current.node,
            codingPath: path,
            fallbackMark: current.mark,
            keyMark: current.keyMark
        )
    }
}
