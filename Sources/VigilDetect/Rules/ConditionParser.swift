/// Recursive-descent parser for rule conditions; the grammar is documented on `RuleCondition`.
struct ConditionParser {
    /// An expression with where it starts and what the comparison around it needs to know.
    struct Parsed {
        var expr: ConditionExpression
        var token: ConditionToken
        /// Seconds of the `per` unit when the expression is a rate literal (`10% per hour`).
        var per: Double?
        /// A growth standing alone (the comparison decides relative vs absolute and its window).
        var bareGrowth = false
        /// The growth's window was not written (`memory_growth`), so a `per` on the other side sets it.
        var implicitWindow = false
    }

    static let reserved: Set<String> = ["and", "or", "not", "for", "per"]

    private var tokens: [ConditionToken]
    private var position = 0

    init(_ text: String) throws(ConditionParseError) {
        tokens = try ConditionLexer.tokens(text)
    }

    var peek: ConditionToken { tokens[position] }
    var following: ConditionToken { tokens[min(position + 1, tokens.count - 1)] }

    @discardableResult
    mutating func next() -> ConditionToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    mutating func expect(_ symbol: String, _ what: String? = nil) throws(ConditionParseError) {
        guard peek.isSymbol(symbol) else { throw .expected(what ?? "'\(symbol)'", at: peek) }
        next()
    }

    /// The whole condition: an expression that is true or false, then an optional `for` duration.
    mutating func parseCondition() throws(ConditionParseError) -> (ConditionExpression, holdFor: Double) {
        guard peek.kind != .end else { throw .expected("a condition such as 'cpu > 80%'", at: peek) }
        let body = try parseOr()
        if !body.expr.isBoolean, peek.kind != .end, peek.keyword != "for" {
            throw .expected("a comparison operator ('>', '>=', '<', '<=', '==', '!=')", at: peek)
        }
        try requireBoolean(body)
        var holdFor = 0.0
        if peek.keyword == "for" {
            next()
            holdFor = try parseDuration()
        }
        guard peek.kind == .end else {
            throw .expected(holdFor > 0 ? "the end of the condition" : "'and', 'or', 'for' or the end of the condition", at: peek)
        }
        return (body.expr, holdFor)
    }

    mutating func parseOr() throws(ConditionParseError) -> Parsed {
        var left = try parseAnd()
        while peek.keyword == "or" {
            next()
            let right = try parseAnd()
            try requireBoolean(left)
            try requireBoolean(right)
            left = Parsed(expr: .or(left.expr, right.expr), token: left.token)
        }
        return left
    }

    mutating func parseAnd() throws(ConditionParseError) -> Parsed {
        var left = try parseNot()
        while peek.keyword == "and" {
            next()
            let right = try parseNot()
            try requireBoolean(left)
            try requireBoolean(right)
            left = Parsed(expr: .and(left.expr, right.expr), token: left.token)
        }
        return left
    }

    mutating func parseNot() throws(ConditionParseError) -> Parsed {
        guard peek.keyword == "not" else { return try parseComparison() }
        let token = next()
        let operand = try parseNot()
        try requireBoolean(operand)
        return Parsed(expr: .not(operand.expr), token: token)
    }

    mutating func parseComparison() throws(ConditionParseError) -> Parsed {
        let left = try parseSum()
        guard case .symbol(let s) = peek.kind,
              let op = s == "=" ? .equal : ComparisonOperator(rawValue: s)
        else {
            if let per = left.per { throw Self.strayRate(left.token, per) }
            return left
        }
        next()
        let right = try parseSum()
        try requireNumber(left, "a number on the left of '\(s)'")
        try requireNumber(right, "a number on the right of '\(s)'")
        let (l, r) = try Self.resolveGrowth(left, right)
        return Parsed(expr: .comparison(op, l, r), token: left.token)
    }

    /// Settles a growth compared with a literal: relative when the literal is a percentage; a
    /// rate literal (`per hour`) sets an unwritten window or is scaled to a written one.
    static func resolveGrowth(_ a: Parsed, _ b: Parsed) throws(ConditionParseError) -> (ConditionExpression, ConditionExpression) {
        var sides = [a, b]
        for (g, r) in [(0, 1), (1, 0)] {
            if let per = sides[r].per {
                guard sides[g].bareGrowth, case .growth(let s, let window, let relative) = sides[g].expr else {
                    throw strayRate(sides[r].token, per)
                }
                if sides[g].implicitWindow {
                    sides[g].expr = .growth(s, window: per, relative: relative)
                } else {
                    sides[r].expr = .arithmetic(.multiply, sides[r].expr, .number(window / per, percent: false))
                }
            }
            if sides[g].bareGrowth, case .growth(let s, let window, _) = sides[g].expr {
                sides[g].expr = .growth(s, window: window, relative: sides[r].expr.isPercent)
            }
        }
        return (sides[0].expr, sides[1].expr)
    }

    static func strayRate(_ token: ConditionToken, _ per: Double) -> ConditionParseError {
        ConditionParseError(line: token.line, column: token.column,
                            message: "a rate ('per \(DurationText.compact(per))') can only be compared with a growth, such as memory_growth")
    }

    func requireBoolean(_ p: Parsed) throws(ConditionParseError) {
        guard p.expr.isBoolean else {
            throw ConditionParseError(line: p.token.line, column: p.token.column,
                                      message: "expected a comparison (such as 'cpu > 80%') but found a number")
        }
    }

    func requireNumber(_ p: Parsed, _ what: String) throws(ConditionParseError) {
        guard !p.expr.isBoolean else {
            throw ConditionParseError(line: p.token.line, column: p.token.column, message: "expected \(what) but found a comparison")
        }
    }

    mutating func parseSum() throws(ConditionParseError) -> Parsed {
        var left = try parseProduct()
        while case .symbol(let s) = peek.kind, s == "+" || s == "-" {
            next()
            left = try combine(left, s == "+" ? .add : .subtract, try parseProduct())
        }
        return left
    }

    mutating func parseProduct() throws(ConditionParseError) -> Parsed {
        var left = try parseUnary()
        while case .symbol(let s) = peek.kind, s == "*" || s == "/" {
            next()
            left = try combine(left, s == "*" ? .multiply : .divide, try parseUnary())
        }
        return left
    }

    func combine(_ a: Parsed, _ op: ArithmeticOperator, _ b: Parsed) throws(ConditionParseError) -> Parsed {
        for side in [a, b] {
            if let per = side.per { throw Self.strayRate(side.token, per) }
            try requireNumber(side, "a number around '\(op.rawValue)'")
        }
        return Parsed(expr: .arithmetic(op, a.expr, b.expr), token: a.token)
    }

    mutating func parseUnary() throws(ConditionParseError) -> Parsed {
        guard peek.isSymbol("-") else { return try parseAtom() }
        let token = next()
        let operand = try parseUnary()
        try requireNumber(operand, "a number after '-'")
        return Parsed(expr: .negate(operand.expr), token: token, per: operand.per)
    }
}
