import Testing
@testable import VigilDetect

@Suite("Rule condition grammar: errors name the line, column and what was expected")
struct ConditionErrorTests {
    func error(_ text: String) -> ConditionParseError? {
        do {
            _ = try RuleCondition(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingRightHandSide() {
        #expect(error("cpu > ")?.description == "1:7: expected a number, a signal or '(' but found the end of the condition")
    }

    @Test func missingOperator() {
        #expect(error("cpu 80")?.description == "1:5: expected a comparison operator ('>', '>=', '<', '<=', '==', '!=') but found '80'")
        #expect(error("cpu > 1 mem")?.description == "1:9: expected 'and', 'or', 'for' or the end of the condition but found 'mem'")
    }

    @Test func missingDuration() {
        #expect(error("cpu > 80% for")?.description == "1:14: expected a duration such as 5m or 5 minutes but found the end of the condition")
    }

    @Test func sizeUnitAsDuration() {
        #expect(error("cpu > 80 for 5 GB")?.description == "1:16: expected a time unit (ms, s, m, h, d, w, minutes, hours …) but found 'GB'")
    }

    @Test func numberWhereComparisonExpected() {
        #expect(error("cpu + 1")?.description == "1:1: expected a comparison (such as 'cpu > 80%') but found a number")
        #expect(error("cpu > 1 and mem")?.description == "1:13: expected a comparison (such as 'cpu > 80%') but found a number")
    }

    @Test func comparisonWhereNumberExpected() {
        #expect(error("(cpu > 1) + 2 > 3")?.description == "1:1: expected a number around '+' but found a comparison")
    }

    @Test func positionsOnLaterLines() {
        let e = error("cpu > 80\n  and mem >")
        #expect(e?.line == 2)
        #expect(e?.column == 12)
    }

    @Test func unclosedParenthesis() {
        #expect(error("(cpu > 1")?.description == "1:9: expected ')' but found the end of the condition")
    }

    @Test func rateWithoutGrowth() {
        #expect(error("cpu > 5 per hour")?.message.contains("can only be compared with a growth") == true)
    }

    @Test func unterminatedString() {
        #expect(error("promql: 'up == 0")?.description == "1:9: unterminated string (expected a closing ')")
    }

    @Test func strayCharacter() {
        #expect(error("cpu ? 3")?.description == "1:5: unexpected character '?'")
    }

    @Test func keywordAsOperand() {
        #expect(error("and > 3")?.description == "1:1: expected a number, a signal or '(' but found 'and'")
    }

    @Test func empty() {
        #expect(error("   ")?.description == "1:4: expected a condition such as 'cpu > 80%' but found the end of the condition")
    }

    @Test func trailingTextAfterFor() {
        #expect(error("cpu > 1 for 5m and mem > 2")?.description == "1:16: expected the end of the condition but found 'and'")
    }

    @Test func duplicateLabel() {
        #expect(error(#"cpu{a="1",a="2"} > 1"#)?.description == "1:11: label 'a' given twice")
    }
}
