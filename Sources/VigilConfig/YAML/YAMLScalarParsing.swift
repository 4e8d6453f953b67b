/// `true`/`True`/`TRUE` and `false`/`False`/`FALSE` (YAML 1.2 core schema); nothing else.
func parseYAMLBool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": true
    case "false", "False", "FALSE": false
    default: nil
    }
}

/// Decimal numbers with an optional exponent, plus `.inf`, `-.inf` and `.nan`.
/// Words Swift would accept (`inf`, `nan`, `infinity`) and hexadecimal floats are rejected.
func parseYAMLDouble(_ text: String) -> Double? {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
    case "-.inf", "-.Inf", "-.INF": return -.infinity
    case ".nan", ".NaN", ".NAN": return .nan
    default: break
    }
    let allowed: Set<Unicode.Scalar> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "-", ".", "e", "E"]
    guard text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }),
        text.unicodeScalars.allSatisfy(allowed.contains)
    else {
        return nil
    }
    return Double(text)
}

/// The outcome of reading an integer of a fixed-width type.
enum YAMLIntegerParse<T> {
    case value(T)
    /// Well-formed, but does not fit in `T`.
    case outOfRange
    case invalid
}

/// An optionally signed integer in decimal, or in hexadecimal, octal or binary with a
/// `0x`, `0o` or `0b` prefix.
func parseYAMLInteger<T: FixedWidthInteger>(_ text: String, as type: T.Type) -> YAMLIntegerParse<T> {
    var rest = Substring(text)
    var sign = ""
    if let first = rest.first, first == "+" || first == "-" {
        sign = String(first)
        rest = rest.dropFirst()
    }
    var radix = 10
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where rest.hasPrefix(prefix) {
        radix = base
        rest = rest.dropFirst(prefix.count)
    }
    guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else {
        return .invalid
    }
    guard let value = T(sign + rest, radix: radix) else {
        return .outOfRange
    }
    return .value(value)
}
