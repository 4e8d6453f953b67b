import Foundation

/// One label matcher in Alertmanager's syntax: `name="value"`, `name!="v"`,
/// `name=~"re"`, `name!~"re"`. Regular expressions are anchored at both ends.
///
/// ```swift
/// let m = try Matcher.parse(#"severity=~"crit.*""#)
/// m.matches(["severity": "critical"]) // true
/// ```
public struct Matcher: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Operation: String, Sendable, Codable, CaseIterable {
        case equal = "=", notEqual = "!=", regex = "=~", notRegex = "!~"
    }

    public let name: String
    public let operation: Operation
    public let value: String
    private let compiled: CompiledRegex?

    public init(name: String, operation: Operation, value: String) throws(MatcherError) {
        guard !name.isEmpty else { throw MatcherError("matcher has an empty label name") }
        self.name = name
        self.operation = operation
        self.value = value
        if operation == .regex || operation == .notRegex {
            guard let re = CompiledRegex(value) else { throw MatcherError("invalid regular expression '\(value)' for label '\(name)'") }
            self.compiled = re
        } else {
            self.compiled = nil
        }
    }

    /// Whether a label set satisfies this matcher; a missing label counts as "".
    public func matches(_ labels: LabelSet) -> Bool {
        let v = labels[name] ?? ""
        switch operation {
        case .equal: return v == value
        case .notEqual: return v != value
        case .regex: return compiled?.fullMatch(v) ?? false
        case .notRegex: return !(compiled?.fullMatch(v) ?? false)
        }
    }

    public var isRegex: Bool { operation == .regex || operation == .notRegex }
    public var isEqual: Bool { operation == .equal || operation == .regex }

    public var description: String {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\(name)\(operation.rawValue)\"\(escaped)\""
    }

    public static func == (a: Matcher, b: Matcher) -> Bool {
        a.name == b.name && a.operation == b.operation && a.value == b.value
    }

    public func hash(into h: inout Hasher) {
        h.combine(name); h.combine(operation); h.combine(value)
    }

    private enum CodingKeys: String, CodingKey { case name, value, isRegex, isEqual }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let regex = try c.decodeIfPresent(Bool.self, forKey: .isRegex) ?? false
        let equal = try c.decodeIfPresent(Bool.self, forKey: .isEqual) ?? true
        let op: Operation = switch (regex, equal) {
        case (false, true): .equal
        case (false, false): .notEqual
        case (true, true): .regex
        case (true, false): .notRegex
        }
        do {
            try self.init(name: c.decode(String.self, forKey: .name), operation: op, value: c.decode(String.self, forKey: .value))
        } catch let e as MatcherError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: e.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(value, forKey: .value)
        try c.encode(isRegex, forKey: .isRegex)
        try c.encode(isEqual, forKey: .isEqual)
    }
}

public struct MatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An anchored regular expression, compiled once.
struct CompiledRegex: @unchecked Sendable {
    // NSRegularExpression is immutable and thread-safe once built.
    private let regex: NSRegularExpression

    init?(_ pattern: String) {
        guard let re = try? NSRegularExpression(pattern: "^(?:\(pattern))$", options: [.dotMatchesLineSeparators]) else { return nil }
        regex = re
    }

    func fullMatch(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}
