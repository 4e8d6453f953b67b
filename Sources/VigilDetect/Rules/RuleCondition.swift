import Foundation

/// A parsed automation-rule condition: a true-or-false expression over signals, and how long
/// it must hold (`for`) before the rule fires.
///
/// ```swift
/// let c = try RuleCondition("cpu > 80% for 5 minutes")
/// c.holdFor                       // 300
/// c.inputs                        // [.current(cpu)]
/// let r = c.evaluate(snapshot)    // holds, confidence, the inputs read
/// ```
///
/// Grammar (keywords are case-insensitive; whitespace and newlines are free):
///
/// ```
/// condition  = expr [ "for" duration ]
/// expr       = and { "or" and }
/// and        = not { "and" not }
/// not        = "not" not | compare
/// compare    = sum [ ( ">" | ">=" | "<" | "<=" | "==" | "=" | "!=" ) sum ]
/// sum        = product { ( "+" | "-" ) product }
/// product    = unary { ( "*" | "/" ) unary }
/// unary      = "-" unary | atom
/// atom       = quantity | signal | "(" expr ")" | "true" | "false"
///            | "growth" "(" selector "," duration ")"
///            | ( "predicted" | "predict" | "forecast" ) "(" selector [ "," duration ] ")"
///            | "promql" "(" string ")"          -- the largest value the query returns
///            | "promql" ":" string              -- true when the query returns anything
/// quantity   = number [ "%" | size-unit | time-unit ] [ "per" ( time-unit | duration ) ]
/// duration   = number [ time-unit ] { number time-unit }    -- 5m, 5 minutes, 1h30m, 300 (seconds)
/// selector   = name [ "{" label "=" string { "," label "=" string } "}" ]
/// signal     = selector                         -- the signal's current value
/// number     = digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ]   -- 80, 1.2, 2.5e6, 1_000
/// name       = letter-or-_ { letter | digit | "_" | "." | ":" }             -- job:rate5m, node.load1
/// string     = '…' | "…"                        -- backslash escapes the next character
/// time-unit  = ms | s | m | h | d | w | seconds | minutes | hours | days | weeks | мин | час …
/// size-unit  = B | KB | MB | GB | TB | KiB | MiB | GiB | TiB
/// ```
///
/// Meanings:
/// - Numbers are in base units: `5m` is 300 (seconds), `1 GiB` is 1073741824, and `80%` is
///   80, so a signal compared with a percentage is expected in percent (0–100).
/// - `name_growth` is `growth(name, 1h)`: how much the signal changed over the window, in
///   percent of its starting value when compared with a percentage, otherwise in its own unit.
///   A rate on the other side sets the window (`memory_growth > 10% per hour`) or, when the
///   window is written, is scaled to it (`growth(memory, 30m) > 10% per hour` means 5% in 30 m).
/// - `predicted_name` is `predicted(name, 1h)`: the signal's forecast an hour ahead. Its
///   prediction interval makes comparisons uncertain: the condition's confidence is the
///   probability that it holds (for measured values it is 1 or 0); `and` takes the smaller
///   confidence, `or` the larger, `not` the complement.
/// - PromQL text is kept as written and answered by the injected `RuleInputs`.
/// - A comparison whose inputs have no data does not hold.
public struct RuleCondition: Sendable, Hashable, CustomStringConvertible {
    /// The condition as written.
    public let text: String
    /// Seconds the expression must hold before the rule fires (`for 5m`); 0 when not given.
    public let holdFor: TimeInterval
    let expression: ConditionExpression

    /// Parses `text`; throws a `ConditionParseError` with the line, column and what was expected.
    public init(_ text: String) throws(ConditionParseError) {
        var parser = try ConditionParser(text)
        let (expression, holdFor) = try parser.parseCondition()
        self.text = text
        self.expression = expression
        self.holdFor = holdFor
    }

    /// Every input the condition reads, for a caller gathering a `RuleInputSnapshot`.
    public var inputs: [RuleInput] {
        var out: [RuleInput] = []
        expression.collectInputs(into: &out)
        return out
    }

    /// Evaluates the condition (without its `for`, which the rule's state machine times).
    public func evaluate(_ inputs: some RuleInputs) -> ConditionEvaluation {
        var evaluator = ConditionEvaluator(inputs: inputs)
        let truth = evaluator.truth(expression)
        return ConditionEvaluation(holds: truth.holds, confidence: truth.confidence, value: evaluator.firstComparison?.0,
                                   threshold: evaluator.firstComparison?.1, inputs: evaluator.recorded,
                                   missing: evaluator.missing)
    }

    public var description: String { text }
}

/// The outcome of evaluating a condition once.
public struct ConditionEvaluation: Sendable, Hashable, Codable {
    public var holds: Bool
    /// The probability that the condition holds, in [0, 1].
    public var confidence: Double
    /// The two sides of the first comparison, for display: `cpu > 80%` gives the CPU value and 80.
    public var value: Double?
    public var threshold: Double?
    /// The value of every input read, named as `RuleInput.description`.
    public var inputs: [String: Double]
    /// Inputs that had no data.
    public var missing: [String]

    public init(holds: Bool, confidence: Double, value: Double? = nil, threshold: Double? = nil,
                inputs: [String: Double] = [:], missing: [String] = []) {
        self.holds = holds
        self.confidence = confidence
        self.value = value
        self.threshold = threshold
        self.inputs = inputs
        self.missing = missing
    }
}
