/// Why a rule condition does not parse, and where: `1:11: expected a number, a signal or '(' but found 'and'`.
public struct ConditionParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line and column within the condition text.
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }

    static func expected(_ what: String, at token: ConditionToken) -> ConditionParseError {
        ConditionParseError(line: token.line, column: token.column, message: "expected \(what) but found \(token.display)")
    }
}
