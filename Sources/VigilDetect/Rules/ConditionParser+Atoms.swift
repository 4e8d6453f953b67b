extension ConditionParser {
    /// Window of `x_growth` and horizon of `predicted_x` when not written: one hour.
    static let defaultWindow = 3_600.0

    mutating func parseAtom() throws(ConditionParseError) -> Parsed {
        let token = peek
        switch token.kind {
        case .number:
            return try parseQuantity()
        case .symbol("("):
            next()
            var inner = try parseOr()
            try expect(")", "')'")
            inner.token = token
            inner.bareGrowth = false
            return inner
        case .word(let word):
            return try parseWord(word, token)
        default:
            throw .expected("a number, a signal or '('", at: token)
        }
    }

    /// `80`, `80%`, `5m`, `1h30m`, `10 GB`, `10% per hour`.
    private mutating func parseQuantity() throws(ConditionParseError) -> Parsed {
        let token = peek
        var percent = false
        var value: Double
        if peek.kind != .end, case .word = following.kind, let w = following.keyword, ConditionUnits.seconds(w) != nil {
            value = try parseDuration()
        } else {
            guard case .number(let v) = next().kind else { throw .expected("a number", at: token) }
            value = v
            if peek.isSymbol("%") {
                next()
                percent = true
            } else if let w = peek.keyword, let scale = ConditionUnits.bytes(w) {
                next()
                value *= scale
            }
        }
        var per: Double?
        if peek.keyword == "per" {
            next()
            let unit: Double
            if let w = peek.keyword, let seconds = ConditionUnits.seconds(w) {
                next()
                unit = seconds
            } else {
                unit = try parseDuration()
            }
            guard unit > 0 else {
                throw ConditionParseError(line: token.line, column: token.column, message: "a rate needs a positive time unit")
            }
            per = unit
        }
        return Parsed(expr: .number(value, percent: percent), token: token, per: per)
    }

    /// A time span: `5m`, `5 minutes`, `1h30m`, or a plain number of seconds.
    mutating func parseDuration() throws(ConditionParseError) -> Double {
        let start = peek
        guard case .number(let first) = start.kind else { throw .expected("a duration such as 5m or 5 minutes", at: start) }
        next()
        guard let w = peek.keyword, let unit = ConditionUnits.seconds(w) else {
            if let w = peek.keyword, ConditionUnits.bytes(w) != nil || peek.isSymbol("%") {
                throw .expected("a time unit (ms, s, m, h, d, w, minutes, hours …)", at: peek)
            }
            return first
        }
        next()
        var total = first * unit
        // further attached components: 1h30m
        while peek.attached, case .number(let n) = peek.kind, let w = following.keyword, let u = ConditionUnits.seconds(w) {
            next()
            next()
            total += n * u
        }
        return total
    }

    private mutating func parseWord(_ word: String, _ token: ConditionToken) throws(ConditionParseError) -> Parsed {
        let lower = word.lowercased()
        guard !Self.reserved.contains(lower) else { throw .expected("a number, a signal or '('", at: token) }
        next()
        if Self.predictionWords.contains(lower), peek.isSymbol("(") {
            return try parsePrediction(token)
        }
        switch lower {
        case "true", "false":
            return Parsed(expr: .boolean(lower == "true"), token: token)
        case "promql" where peek.isSymbol(":"):
            next()
            return Parsed(expr: .promqlHolds(try parseString("a quoted PromQL expression")), token: token)
        case "promql" where peek.isSymbol("("):
            next()
            let query = try parseString("a quoted PromQL expression")
            try expect(")")
            return Parsed(expr: .promqlValue(query), token: token)
        case "growth" where peek.isSymbol("("):
            next()
            let signal = try parseSelector()
            try expect(",", "',' and a window such as 1h")
            let window = try parseDuration()
            try expect(")")
            guard window > 0 else { throw .init(line: token.line, column: token.column, message: "a growth window must be positive") }
            return Parsed(expr: .growth(signal, window: window, relative: false), token: token, bareGrowth: true)
        default:
            let labels = try parseLabels()
            if lower.hasSuffix("_growth"), word.count > 7 {
                let signal = SignalSelector(String(word.dropLast(7)), labels: labels)
                return Parsed(expr: .growth(signal, window: Self.defaultWindow, relative: false), token: token,
                              bareGrowth: true, implicitWindow: true)
            }
            if lower.hasPrefix("predicted_"), word.count > 10 {
                let signal = SignalSelector(String(word.dropFirst(10)), labels: labels)
                return Parsed(expr: .prediction(signal, horizon: Self.defaultWindow), token: token)
            }
            return Parsed(expr: .signal(SignalSelector(word, labels: labels)), token: token)
        }
    }

    static let predictionWords: Set<String> = ["predicted", "predict", "forecast"]

    /// `predicted(signal)` or `predicted(signal, 30m)`, after the word.
    private mutating func parsePrediction(_ token: ConditionToken) throws(ConditionParseError) -> Parsed {
        next()
        let signal = try parseSelector()
        var horizon = Self.defaultWindow
        if peek.isSymbol(",") {
            next()
            horizon = try parseDuration()
        }
        try expect(")")
        return Parsed(expr: .prediction(signal, horizon: horizon), token: token)
    }

    /// `name` or `name{label="value", …}`.
    private mutating func parseSelector() throws(ConditionParseError) -> SignalSelector {
        guard case .word(let name) = peek.kind, !Self.reserved.contains(name.lowercased()) else {
            throw .expected("a signal name", at: peek)
        }
        next()
        return SignalSelector(name, labels: try parseLabels())
    }

    private mutating func parseLabels() throws(ConditionParseError) -> [String: String] {
        guard peek.isSymbol("{"), peek.attached else { return [:] }
        next()
        var labels: [String: String] = [:]
        while !peek.isSymbol("}") {
            guard case .word(let key) = peek.kind else { throw .expected("a label name or '}'", at: peek) }
            let keyToken = next()
            try expect("=", "'=' after the label name")
            let value = try parseString("a quoted label value")
            guard labels.updateValue(value, forKey: key) == nil else {
                throw .init(line: keyToken.line, column: keyToken.column, message: "label '\(key)' given twice")
            }
            if peek.isSymbol(",") { next() } else if !peek.isSymbol("}") { throw .expected("',' or '}'", at: peek) }
        }
        next()
        return labels
    }

    private mutating func parseString(_ what: String) throws(ConditionParseError) -> String {
        guard case .string(let s) = peek.kind else { throw .expected(what, at: peek) }
        next()
        return s
    }
}
