import Yams

/// Decodes configuration types from YAML, strictly, with errors that point at the file,
/// line and column of the problem.
///
/// Compared with a lenient decoder:
/// - Unknown keys are errors for every type whose `CodingKeys` conform to `CaseIterable`:
///   `vigil.yaml:12:3: unknown key 'gruop_by' in 'correlation' (expected one of: group_by, group_wait)`.
/// - Type errors name the value's position and path:
///   `vigil.yaml:4:9: server.port: expected an integer, got 'abc'`.
/// - A missing required key is reported at the key that introduces the mapping lacking it
///   (or at the mapping itself for list elements and the top level):
///   `vigil.yaml:3:1: server: missing required key 'port'`.
/// - An enum with `String` raw values that is `CaseIterable` lists the allowed values when
///   given something else.
/// - Booleans are only `true`/`false` (not `yes`/`no`/`on`/`off`); null is `null`, `~` or an
///   empty value; a `URL` is written as a string.
/// - An empty document (an empty file, only comments, or a bare `---`) decodes like an empty
///   mapping, so a type whose fields are all optional or defaulted decodes from it.
/// - `<<` merge keys are expanded; aliases decode as the anchored value.
///
/// Errors thrown by a type's own `init(from:)` are converted into a ``ConfigError`` located
/// at the value being decoded, so custom types (``ConfigDuration``, ``ByteSize``) get
/// positions in their messages too.
public struct StrictYAMLDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes a `T` from a YAML document.
    ///
    /// - Parameters:
    ///   - type: The type to decode; usually the root configuration struct.
    ///   - yaml: The YAML text (after ``interpolateEnvironment(_:environment:file:)``, if used).
    ///   - file: The file name to put in error messages, such as `vigil.yaml`.
    /// - Returns: The decoded value.
    /// - Throws: ``ConfigError`` for YAML syntax errors and for every decoding problem.
    public func decode<T: Decodable>(_ type: T.Type, from yaml: String, file: String) throws(ConfigError) -> T {
        let context = YAMLContext(file: file)
        let root: Node
        do {
            root = try Yams.compose(yaml: yaml) ?? Self.emptyMapping
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ConfigError(file: file, message: "invalid YAML: \(error)")
        }
        let decoder = YAMLNodeDecoder(
            context: context,
            node: root.isNull ? Self.emptyMapping : root,
            codingPath: [],
            fallbackMark: nil
        )
        do {
            return try decoder.decode(type)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: file, message: "\(error)")
        }
    }

    private static var emptyMapping: Node { .mapping(Node.Mapping([])) }
}

/// Converts a Yams parse error into a ``ConfigError`` with its position.
func syntaxError(_ error: YamlError, file: String) -> ConfigError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
        .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        var message = "invalid YAML: \(problem)"
        if let context {
            message += " (\(context.text) at line \(context.mark.line))"
        }
        return ConfigError(file: file, line: mark.line, column: mark.column, message: message)
    case .reader(let problem, let offset, _, let yaml):
        let line = offset.map { offset in
            1 + yaml.utf8.prefix(offset).count { $0 == UInt8(ascii: "\n") }
        }
        return ConfigError(file: file, line: line, message: "invalid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
        let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
        let noun = duplicates.count == 1 ? "key" : "keys"
        let known = context.mark.line > 0
        return ConfigError(
            file: file,
            line: known ? context.mark.line : nil,
            column: known ? context.mark.column : nil,
            message: "duplicate \(noun) \(keys) in a mapping"
        )
    default:
        return ConfigError(file: file, message: "invalid YAML: \(error)")
    }
}
