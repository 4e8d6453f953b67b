/// Replaces environment variable references in configuration text before it is parsed.
///
/// Supported forms:
/// - `${NAME}`: the value of `NAME`; an error if `NAME` is not set.
/// - `${NAME:-default}`: the value of `NAME`, or `default` when `NAME` is unset or empty.
///   The default is taken literally (it is not interpolated again) and ends at the first `}`.
/// - `$$`: a literal `$`.
///
/// A `$` followed by anything else is kept as it is. `NAME` must match `[A-Za-z_][A-Za-z0-9_]*`.
/// Full-line comments (a line whose first non-blank character is `#`) are copied as they are,
/// so a commented-out example may mention `${NAME}` freely.
///
/// Line numbers are preserved: a reference must fit on one line, and a value (or default)
/// containing a line break is rejected, so errors reported later by the YAML decoder
/// point at the right line.
///
/// - Parameters:
///   - text: The raw configuration text.
///   - environment: The variables to substitute, usually `ProcessInfo.processInfo.environment`.
///   - file: The file name used in error messages.
/// - Returns: The text with every reference replaced.
/// - Throws: ``ConfigError`` with the file and line of the offending reference.
public func interpolateEnvironment(
    _ text: String,
    environment: [String: String],
    file: String
) throws(ConfigError) -> String {
    let scalars = text.unicodeScalars
    var output = String.UnicodeScalarView()
    var line = 1
    var index = scalars.startIndex
    var inCommentLine = isCommentLine(scalars[...])

    func fail(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, message: message)
    }

    while index < scalars.endIndex {
        let scalar = scalars[index]
        let next = scalars.index(after: index)
        if scalar == "\n" {
            line += 1
            inCommentLine = isCommentLine(scalars[next...])
        }
        guard scalar == "$", next < scalars.endIndex, !inCommentLine else {
            output.append(scalar)
            index = next
            continue
        }
        switch scalars[next] {
        case "$":
            output.append("$")
            index = scalars.index(after: next)
        case "{":
            let bodyStart = scalars.index(after: next)
            guard let bodyEnd = scalars[bodyStart...].firstIndex(where: { $0 == "}" || $0 == "\n" || $0 == "\r" }),
                scalars[bodyEnd] == "}"
            else {
                throw fail("unterminated '${' (expected '}' before the end of the line)")
            }
            let body = String(scalars[bodyStart..<bodyEnd])
            let value = try resolveReference(body, environment: environment, fail: fail)
            output.append(contentsOf: value.unicodeScalars)
            index = scalars.index(after: bodyEnd)
        default:
            output.append(scalar)
            index = next
        }
    }
    return String(output)
}

/// Resolves the inside of one `${...}` reference.
private func resolveReference(
    _ body: String,
    environment: [String: String],
    fail: (String) -> ConfigError
) throws(ConfigError) -> String {
    let name: Substring
    let fallback: Substring?
    if let separator = body.firstRange(of: ":-") {
        name = body[..<separator.lowerBound]
        fallback = body[separator.upperBound...]
    } else {
        name = body[...]
        fallback = nil
    }
    guard isEnvironmentName(name) else {
        throw fail("invalid environment variable reference '${\(body)}' (expected ${NAME} or ${NAME:-default})")
    }
    let value: String
    if let fallback {
        if let set = environment[String(name)], !set.isEmpty {
            value = set
        } else {
            value = String(fallback)
        }
    } else {
        guard let set = environment[String(name)] else {
            throw fail("environment variable '\(name)' is not set")
        }
        value = set
    }
    guard !value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else {
        throw fail("environment variable '\(name)' contains a line break, which is not allowed in interpolated values")
    }
    return value
}

/// `[A-Za-z_][A-Za-z0-9_]*`
private func isEnvironmentName(_ name: Substring) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
        return false
    }
    return name.unicodeScalars.allSatisfy { scalar in
        scalar == "_" || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
    }
}

/// Whether the line starting at the front of `rest` is a comment line.
private func isCommentLine(_ rest: Substring.UnicodeScalarView) -> Bool {
    rest.first(where: { $0 != " " && $0 != "\t" }) == "#"
}
