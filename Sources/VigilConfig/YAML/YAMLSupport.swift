import Yams

/// What every container of one decoding run shares: the file name for error messages.
struct YAMLContext: Sendable {
    let file: String

    /// An error located at `mark` (1-based line and column), for the value at `path`.
    func error(_ message: String, at mark: Mark?, path: [any CodingKey]) -> ConfigError {
        ConfigError(file: file, line: mark?.line, column: mark?.column, path: formatPath(path), message: message)
    }
}

/// The coding key of a list element: printed as `[index]` in paths.
struct YAMLIndexKey: CodingKey, Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.index = intValue }
    var stringValue: String { "\(index)" }
    var intValue: Int? { index }
}

/// A plain string coding key, used where the caller's `Key` type cannot represent a key.
struct YAMLStringKey: CodingKey, Sendable {
    let stringValue: String
    init(_ stringValue: String) { self.stringValue = stringValue }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = "\(intValue)" }
    var intValue: Int? { nil }
}

/// Renders a coding path the way it is written in YAML: `notify.webhooks[0].url`,
/// with keys that are not simple words quoted: `labels["app.kubernetes.io/name"]`.
func formatPath(_ path: [any CodingKey]) -> String {
    var result = ""
    for key in path {
        if let index = key as? YAMLIndexKey {
            result += "[\(index.index)]"
        } else if key.stringValue.unicodeScalars.allSatisfy(isPlainKeyScalar), !key.stringValue.isEmpty {
            result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
        } else {
            result += "[\"\(key.stringValue)\"]"
        }
    }
    return result
}

private func isPlainKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
}

/// The strings the YAML core schema reads as null when written plain.
private let plainNullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

extension Node {
    /// `true` for `null`, `~`, an empty value, or an explicitly `!!null`-tagged scalar.
    /// Quoted scalars are never null. Does not run Yams' regex-based tag resolution.
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        let tag = scalar.tag.rawValue
        if tag == Tag.Name.implicit.rawValue {
            return plainNullSpellings.contains(scalar.string)
        }
        return tag == Tag.Name.null.rawValue
    }

    /// `true` for the `<<` merge key.
    var isMergeKey: Bool {
        guard case .scalar(let scalar) = self else { return false }
        let tag = scalar.tag.rawValue
        if tag == Tag.Name.implicit.rawValue {
            return scalar.string == "<<"
        }
        return tag == Tag.Name.merge.rawValue
    }

    /// How the node is described after "got" in type errors: `'abc'`, `null`, `a mapping`.
    var summary: String {
        switch self {
        case .scalar(let scalar):
            if isNull {
                return scalar.string.isEmpty ? "an empty value" : "null"
            }
            return "'\(abbreviate(scalar.string))'"
        case .mapping:
            return "a mapping"
        case .sequence:
            return "a list"
        case .alias:
            return "an alias"
        }
    }
}

/// The first line of `text`, cut to a length that reads well in an error message.
func abbreviate(_ text: String, limit: Int = 60) -> String {
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
    if firstLine.count > limit {
        return String(firstLine.prefix(limit)) + "…"
    }
    return firstLine.count < text.count ? String(firstLine) + "…" : String(firstLine)
}

/// The article for a type description: "an integer", "a string".
func withArticle(_ noun: String) -> String {
    guard let first = noun.first else { return noun }
    return "aeiou".contains(first) ? "an \(noun)" : "a \(noun)"
}

/// The raw values of a `CaseIterable` enum whose raw values are strings, in declaration order;
/// `nil` for any other type.
func allowedRawValues<T>(of type: T.Type) -> [String]? {
    guard let iterable = type as? any CaseIterable.Type else { return nil }
    return rawStringValues(of: iterable)
}

private func rawStringValues<C: CaseIterable>(of type: C.Type) -> [String]? {
    var values: [String] = []
    for element in C.allCases {
        guard let representable = element as? any RawRepresentable,
            let raw = rawValue(of: representable) as? String
        else {
            return nil
        }
        values.append(raw)
    }
    return values
}

private func rawValue<R: RawRepresentable>(of value: R) -> Any {
    value.rawValue
}

/// The string values of a `CaseIterable` coding key type, in declaration order; `nil` otherwise.
func allowedKeys<Key: CodingKey>(of type: Key.Type) -> [String]? {
    guard let iterable = type as? any CaseIterable.Type else { return nil }
    return keyNames(of: iterable)
}

private func keyNames<C: CaseIterable>(of type: C.Type) -> [String] {
    C.allCases.compactMap { ($0 as? any CodingKey)?.stringValue }
}
