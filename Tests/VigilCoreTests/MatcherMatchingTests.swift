import Testing
import VigilCore

@Suite struct MatcherMatchingTests {
    @Test func equalAndNotEqual() throws {
        let eq = try Matcher.parse(#"job="api""#)
        let ne = try Matcher.parse(#"job!="api""#)
        #expect(eq.matches(["job": "api"]))
        #expect(!eq.matches(["job": "api2"]))
        #expect(!ne.matches(["job": "api"]))
        #expect(ne.matches(["job": "web"]))
        #expect(ne.matches([:]))
    }

    @Test func regexIsAnchoredAtBothEnds() throws {
        let m = try Matcher.parse(#"a=~"a""#)
        #expect(m.matches(["a": "a"]))
        #expect(!m.matches(["a": "ab"]))
        #expect(!m.matches(["a": "ba"]))
        let alt = try Matcher.parse(#"a=~"x|y""#)
        #expect(alt.matches(["a": "x"]))
        #expect(alt.matches(["a": "y"]))
        #expect(!alt.matches(["a": "xy"]), "alternation must be anchored as a whole")
        #expect(!alt.matches(["a": "zx"]))
        let nre = try Matcher.parse(#"a!~"a""#)
        #expect(nre.matches(["a": "ab"]))
        #expect(!nre.matches(["a": "a"]))
    }

    @Test func regexDotMatchesNewlines() throws {
        // Prometheus compiles matchers with (?s).
        let m = try Matcher.parse(#"a=~"x.*""#)
        #expect(m.matches(["a": "x\ny"]))
    }

    @Test func missingLabelCountsAsEmptyString() throws {
        #expect(try Matcher.parse(#"foo="""#).matches(["bar": "1"]))
        #expect(!(try Matcher.parse(#"foo="""#).matches(["foo": "1"])))
        #expect(!(try Matcher.parse(#"foo!="""#).matches(["bar": "1"])))
        #expect(try Matcher.parse(#"foo!="""#).matches(["foo": "1"]))
        #expect(try Matcher.parse(#"foo=~".*""#).matches([:]))
        #expect(!(try Matcher.parse(#"foo=~".+""#).matches([:])))
        #expect(try Matcher.parse(#"foo!~".+""#).matches([:]))
    }

    @Test func regexOnUnicodeValues() throws {
        let m = try Matcher.parse(#"city=~"Zü.ich""#)
        #expect(m.matches(["city": "Zürich"]))
        #expect(!m.matches(["city": "Zürichsee"]))
    }

    @Test func equalityIgnoresCompiledRegexAndHashesConsistently() throws {
        let a = try Matcher.parse(#"a=~"x.*""#)
        let b = try Matcher(name: "a", operation: .regex, value: "x.*")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a != (try Matcher(name: "a", operation: .notRegex, value: "x.*")))
    }

    @Test func isRegexAndIsEqualFlags() throws {
        let table: [(Matcher.Operation, Bool, Bool)] = [(.equal, false, true), (.notEqual, false, false),
                                                        (.regex, true, true), (.notRegex, true, false)]
        for (op, isRegex, isEqual) in table {
            let m = try Matcher(name: "a", operation: op, value: "b")
            #expect(m.isRegex == isRegex, "\(op)")
            #expect(m.isEqual == isEqual, "\(op)")
        }
    }
}
