import Yams

/// One `key: value` pair of a YAML mapping, with the key as text.
struct YAMLEntry {
    let key: String
    let keyNode: Node
    let value: Node
}

/// The pairs of a mapping in document order, with `<<` merge keys expanded.
///
/// Keys written in the mapping itself win over merged ones; among merged mappings the
/// first one listed wins, as in the YAML merge key specification. Keys must be scalars
/// and unique.
func mappingEntries(of mapping: Node.Mapping, decoder: YAMLNodeDecoder) throws -> [YAMLEntry] {
    var entries: [YAMLEntry] = []
    var merged: [YAMLEntry] = []
    var seen: Set<String> = []
    for (keyNode, value) in mapping {
        if keyNode.isMergeKey {
            merged += try mergedEntries(value, mergeKey: keyNode, decoder: decoder)
            continue
        }
        guard case .scalar(let scalar) = keyNode else {
            throw decoder.context.error(
                "mapping keys must be plain values, got \(keyNode.summary)",
                at: keyNode.mark ?? decoder.mark,
                path: decoder.codingPath
            )
        }
        guard seen.insert(scalar.string).inserted else {
            throw decoder.context.error(
                "duplicate key '\(abbreviate(scalar.string))'",
                at: keyNode.mark ?? decoder.mark,
                path: decoder.codingPath
            )
        }
        entries.append(YAMLEntry(key: scalar.string, keyNode: keyNode, value: value))
    }
    for entry in merged where seen.insert(entry.key).inserted {
        entries.append(entry)
    }
    return entries
}

/// The entries a `<<` key brings in: from one mapping or from a list of mappings.
private func mergedEntries(_ value: Node, mergeKey: Node, decoder: YAMLNodeDecoder) throws -> [YAMLEntry] {
    switch value {
    case .mapping(let mapping):
        return try mappingEntries(of: mapping, decoder: decoder)
    case .sequence(let sequence):
        var result: [YAMLEntry] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                throw mergeError(item, mergeKey: mergeKey, decoder: decoder)
            }
            result += try mappingEntries(of: mapping, decoder: decoder)
        }
        return result
    default:
        throw mergeError(value, mergeKey: mergeKey, decoder: decoder)
    }
}

private func mergeError(_ value: Node, mergeKey: Node, decoder: YAMLNodeDecoder) -> ConfigError {
    decoder.context.error(
        "merge key '<<' expects a mapping or a list of mappings, got \(value.summary)",
        at: value.mark ?? mergeKey.mark ?? decoder.mark,
        path: decoder.codingPath
    )
}
