/// A named signal, optionally narrowed by labels: `cpu`, `disk_used{mount="/var"}`.
public struct SignalSelector: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var labels: [String: String]

    public init(_ name: String, labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }

    /// `name` or `name{a="1",b="2"}` (labels sorted).
    public var description: String {
        guard !labels.isEmpty else { return name }
        let inner = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        return "\(name){\(inner)}"
    }
}

public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", equal = "==", notEqual = "!="
}

public enum ArithmeticOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

/// A parsed condition. Numbers are in base units: seconds, bytes, percent points.
indirect enum ConditionExpression: Sendable, Hashable {
    /// A literal; `percent` when written with `%`.
    case number(Double, percent: Bool)
    case boolean(Bool)
    /// The current value of a signal.
    case signal(SignalSelector)
    /// The change of a signal over `window` seconds: relative (in percent of the starting value)
    /// or absolute.
    case growth(SignalSelector, window: Double, relative: Bool)
    /// The forecast of a signal `horizon` seconds ahead.
    case prediction(SignalSelector, horizon: Double)
    /// The largest value a PromQL query returns.
    case promqlValue(String)
    /// True when a PromQL query returns anything (`promql: 'up == 0'`).
    case promqlHolds(String)
    case negate(ConditionExpression)
    case arithmetic(ArithmeticOperator, ConditionExpression, ConditionExpression)
    case comparison(ComparisonOperator, ConditionExpression, ConditionExpression)
    case and(ConditionExpression, ConditionExpression)
    case or(ConditionExpression, ConditionExpression)
    case not(ConditionExpression)

    /// True for expressions giving a truth value rather than a number.
    var isBoolean: Bool {
        switch self {
        case .boolean, .promqlHolds, .comparison, .and, .or, .not: true
        default: false
        }
    }

    /// True for a percentage literal (possibly negated or scaled by a plain number).
    var isPercent: Bool {
        switch self {
        case .number(_, let percent): percent
        case .negate(let e): e.isPercent
        case .arithmetic(_, let a, let b): a.isPercent || b.isPercent
        default: false
        }
    }

    /// Every input the expression reads, in order of first use.
    func collectInputs(into out: inout [RuleInput]) {
        func add(_ input: RuleInput) { if !out.contains(input) { out.append(input) } }
        switch self {
        case .number, .boolean: break
        case .signal(let s): add(.current(s))
        case .growth(let s, let w, _): add(.growth(s, window: w))
        case .prediction(let s, let h): add(.prediction(s, horizon: h))
        case .promqlValue(let q), .promqlHolds(let q): add(.promql(q))
        case .negate(let e), .not(let e): e.collectInputs(into: &out)
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b):
            a.collectInputs(into: &out)
            b.collectInputs(into: &out)
        }
    }
}
