/// Walks a condition over injected inputs, carrying each number's standard deviation (non-zero
/// only for predictions) so comparisons can say how likely they hold.
struct ConditionEvaluator<Inputs: RuleInputs> {
    struct Estimate {
        var value: Double
        var sigma: Double
    }

    struct Truth {
        var holds: Bool
        var confidence: Double
    }

    let inputs: Inputs
    var recorded: [String: Double] = [:]
    var missing: [String] = []
    var firstComparison: (Double, Double)?

    init(inputs: Inputs) {
        self.inputs = inputs
    }

    private mutating func read(_ input: RuleInput, _ value: Double?) -> Double? {
        guard let value, value.isFinite else {
            if !missing.contains(input.description) { missing.append(input.description) }
            return nil
        }
        recorded[input.description] = value
        return value
    }

    mutating func number(_ e: ConditionExpression) -> Estimate? {
        switch e {
        case .number(let v, _):
            return Estimate(value: v, sigma: 0)
        case .signal(let s):
            return read(.current(s), inputs.current(s)).map { Estimate(value: $0, sigma: 0) }
        case .growth(let s, let window, let relative):
            let g = inputs.growth(s, over: window)
            return read(.growth(s, window: window), relative ? g?.percent : g.map { $0.end - $0.start })
                .map { Estimate(value: $0, sigma: 0) }
        case .prediction(let s, let horizon):
            let p = inputs.prediction(s, horizon: horizon)
            return read(.prediction(s, horizon: horizon), p?.value).map { Estimate(value: $0, sigma: p?.standardDeviation ?? 0) }
        case .promqlValue(let q):
            return read(.promql(q), inputs.promql(q)?.max()).map { Estimate(value: $0, sigma: 0) }
        case .negate(let inner):
            return number(inner).map { Estimate(value: -$0.value, sigma: $0.sigma) }
        case .arithmetic(let op, let l, let r):
            let a = number(l), b = number(r)
            guard let a, let b else { return nil }
            return Self.apply(op, a, b)
        case .boolean, .promqlHolds, .comparison, .and, .or, .not:
            return nil
        }
    }

    /// First-order error propagation for independent operands.
    static func apply(_ op: ArithmeticOperator, _ a: Estimate, _ b: Estimate) -> Estimate? {
        func hypot(_ x: Double, _ y: Double) -> Double { (x * x + y * y).squareRoot() }
        switch op {
        case .add: return Estimate(value: a.value + b.value, sigma: hypot(a.sigma, b.sigma))
        case .subtract: return Estimate(value: a.value - b.value, sigma: hypot(a.sigma, b.sigma))
        case .multiply: return Estimate(value: a.value * b.value, sigma: hypot(b.value * a.sigma, a.value * b.sigma))
        case .divide:
            guard b.value != 0 else { return nil }
            return Estimate(value: a.value / b.value, sigma: hypot(a.sigma / b.value, a.value * b.sigma / (b.value * b.value)))
        }
    }

    mutating func truth(_ e: ConditionExpression) -> Truth {
        switch e {
        case .boolean(let b):
            return Truth(holds: b, confidence: b ? 1 : 0)
        case .promqlHolds(let q):
            let result = inputs.promql(q)
            guard let result else {
                _ = read(.promql(q), nil)
                return Truth(holds: false, confidence: 0)
            }
            if let top = result.max() { recorded[RuleInput.promql(q).description] = top }
            return Truth(holds: !result.isEmpty, confidence: result.isEmpty ? 0 : 1)
        case .comparison(let op, let l, let r):
            let a = number(l), b = number(r)
            guard let a, let b else { return Truth(holds: false, confidence: 0) }
            if firstComparison == nil { firstComparison = (a.value, b.value) }
            return Self.compare(op, a, b)
        case .and(let l, let r):
            let x = truth(l), y = truth(r)
            return Truth(holds: x.holds && y.holds, confidence: min(x.confidence, y.confidence))
        case .or(let l, let r):
            let x = truth(l), y = truth(r)
            return Truth(holds: x.holds || y.holds, confidence: max(x.confidence, y.confidence))
        case .not(let inner):
            let x = truth(inner)
            return Truth(holds: !x.holds, confidence: 1 - x.confidence)
        default:
            return Truth(holds: false, confidence: 0)
        }
    }

    static func compare(_ op: ComparisonOperator, _ a: Estimate, _ b: Estimate) -> Truth {
        let d = a.value - b.value
        let holds = switch op {
        case .greater: d > 0
        case .greaterOrEqual: d >= 0
        case .less: d < 0
        case .lessOrEqual: d <= 0
        case .equal: d == 0
        case .notEqual: d != 0
        }
        let sigma = (a.sigma * a.sigma + b.sigma * b.sigma).squareRoot()
        guard sigma > 0, op != .equal, op != .notEqual else { return Truth(holds: holds, confidence: holds ? 1 : 0) }
        let p = NormalDistribution.cdf((op == .greater || op == .greaterOrEqual ? d : -d) / sigma)
        return Truth(holds: holds, confidence: p)
    }
}
