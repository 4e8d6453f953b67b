import Testing
import Foundation
import VigilCore

@Suite struct MatcherParseTests {
    @Test(arguments: [
        (#"job="api""#, Matcher.Operation.equal, "api"),
        (#"job!="api""#, .notEqual, "api"),
        (#"job=~"api.*""#, .regex, "api.*"),
        (#"job!~"api.*""#, .notRegex, "api.*"),
        ("job=api", .equal, "api"),
        ("job!=api", .notEqual, "api"),
        ("job=~api.*", .regex, "api.*"),
        ("job!~api.*", .notRegex, "api.*"),
        (" job = 'single quoted' ", .equal, "single quoted"),
    ])
    func parsesEveryOperatorQuotedAndUnquoted(text: String, op: Matcher.Operation, value: String) throws {
        let m = try Matcher.parse(text)
        #expect(m.name == "job")
        #expect(m.operation == op)
        #expect(m.value == value)
    }

    @Test func unquotedEmptyValueIsEmptyString() throws {
        let m = try Matcher.parse("foo=")
        #expect(m.value == "")
        #expect(m.operation == .equal)
    }

    @Test func quotedValueKeepsSpacesCommasAndBraces() throws {
        let m = try Matcher.parse(#"summary="a, b {c} d""#)
        #expect(m.value == "a, b {c} d")
    }

    @Test func escapedQuoteAndBackslashAreUnescaped() throws {
        #expect(try Matcher.parse(#"a="say \"hi\"""#).value == #"say "hi""#)
        #expect(try Matcher.parse(#"a="C:\\temp""#).value == #"C:\temp"#)
        #expect(try Matcher.parse(#"a="line\nnext""#).value == "line\nnext")
    }

    @Test func regexEscapesArePreserved() throws {
        let m = try Matcher.parse(#"instance=~"db\d+\.example""#)
        #expect(m.value == #"db\d+\.example"#)
        #expect(m.matches(["instance": "db12.example"]))
        #expect(!m.matches(["instance": "db12xexample"]))
        #expect(!m.matches(["instance": "dbx.example"]))
    }

    @Test func descriptionParsesBackToTheSameMatcher() throws {
        let samples = [
            try Matcher(name: "a", operation: .equal, value: #"quote " and backslash \ here"#),
            try Matcher(name: "b", operation: .regex, value: #"\d+|x"#),
            try Matcher(name: "c", operation: .notEqual, value: ""),
            try Matcher(name: "d", operation: .notEqual, value: "a, b}"),
            try Matcher(name: "e", operation: .notRegex, value: "a, b"),
        ]
        for m in samples {
            let back = try Matcher.parse(m.description)
            #expect(back == m, "\(m.description)")
        }
        #expect(try Matcher(name: "a", operation: .notRegex, value: "x").description == #"a!~"x""#)
    }

    @Test func bracedListWithCommas() throws {
        let list = try Matcher.parseList(#"{a="1", b=~"x.*"}"#)
        #expect(list.count == 2)
        #expect(list[0] == (try Matcher(name: "a", operation: .equal, value: "1")))
        #expect(list[1] == (try Matcher(name: "b", operation: .regex, value: "x.*")))
    }

    @Test func commaAndSpaceSeparatedLists() throws {
        let expected = [try Matcher(name: "a", operation: .equal, value: "1"),
                        try Matcher(name: "b", operation: .notEqual, value: "2"),
                        try Matcher(name: "c", operation: .regex, value: "3|4")]
        #expect(try Matcher.parseList("a=1,b!=2,c=~3|4") == expected)
        #expect(try Matcher.parseList("a=1 b!=2 c=~3|4") == expected)
        #expect(try Matcher.parseList("  a=1 ,  b!=2,,c=~'3|4'  ") == expected)
        #expect(try Matcher.parseList("{ a=1, b!=2, c=~\"3|4\" }") == expected)
    }

    @Test func emptyListsParseToNoMatchers() throws {
        #expect(try Matcher.parseList("").isEmpty)
        #expect(try Matcher.parseList("{}").isEmpty)
        #expect(try Matcher.parseList("  ").isEmpty)
    }

    @Test(arguments: [
        "alertname",            // no operator
        "alertname ~ x",        // not an operator
        #"a="unterminated"#,    // unterminated quote
        #"a=~"(""#,             // invalid regex
        #"a!~"[z-a]""#,         // invalid regex range
        #"="x""#,               // empty name
        "",                     // nothing
        #"a="1" b="2""#,        // parse takes exactly one matcher
        #"a="1"x"#,             // junk after the value
    ])
    func parseRejects(text: String) {
        #expect(throws: MatcherError.self) { try Matcher.parse(text) }
    }

    @Test(arguments: [
        #"{a="1""#,             // missing closing brace
        "a=1}",                 // stray closing brace
        "a=1, b",               // second has no operator
        #"a=1, b="x"#,          // unterminated quote
        #"a=~"(", b=1"#,        // invalid regex
        "a=1, =2",              // empty name
    ])
    func parseListRejects(text: String) {
        #expect(throws: MatcherError.self) { try Matcher.parseList(text) }
    }

    @Test func emptyNameIsRejectedByTheInitializer() {
        #expect(throws: MatcherError.self) { try Matcher(name: "", operation: .equal, value: "x") }
        #expect(throws: MatcherError.self) { try Matcher(name: "a", operation: .regex, value: "a(") }
    }

    @Test func codableUsesAlertmanagerSilenceShape() throws {
        let m = try Matcher(name: "job", operation: .notRegex, value: "api.*")
        let data = try JSONEncoder().encode(m)
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(obj["name"] as? String == "job")
        #expect(obj["value"] as? String == "api.*")
        #expect(obj["isRegex"] as? Bool == true)
        #expect(obj["isEqual"] as? Bool == false)
        #expect(try JSONDecoder().decode(Matcher.self, from: data) == m)
        // isEqual defaults to true, isRegex to false
        let plain = try JSONDecoder().decode(Matcher.self, from: Data(#"{"name":"a","value":"b"}"#.utf8))
        #expect(plain.operation == .equal)
        // An invalid regex is a decoding error, not a crash.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Matcher.self, from: Data(#"{"name":"a","value":"(","isRegex":true}"#.utf8))
        }
    }
}
