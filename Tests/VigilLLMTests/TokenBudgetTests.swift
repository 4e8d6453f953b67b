import Testing
import VigilLLM

@Suite struct TokenBudgetTests {
    @Test func estimatesFourBytesPerTokenRoundingUp() {
        #expect(TokenBudget.estimate("") == 0)
        #expect(TokenBudget.estimate("abcd") == 1 && TokenBudget.estimate("abcde") == 2)
        #expect(TokenBudget.estimate("диск") == 2, "Cyrillic letters are two bytes")
    }

    @Test func keepsTheBestRankedPrefixThatFits() {
        let lines = [String(repeating: "a", count: 39), String(repeating: "b", count: 39), "c", "d"]  // 10 tokens each with "\n", then 1
        let budget = TokenBudget(tokens: 25)
        let (kept, dropped) = budget.fit(lines, fixedText: String(repeating: "x", count: 20))  // 5 tokens fixed
        #expect(kept == [lines[0], lines[1]] && dropped == 2)
        #expect(TokenBudget(tokens: 15).fit(lines, fixedText: String(repeating: "x", count: 20)).kept == [lines[0]])
        #expect(TokenBudget(tokens: 4).fit(lines, fixedText: String(repeating: "x", count: 20)) == ([], 4))
    }

    @Test func aLongLineEndsTheListRatherThanBeingSkipped() {
        let lines = ["short", String(repeating: "z", count: 400), "tiny"]
        #expect(TokenBudget(tokens: 20).fit(lines).kept == ["short"])
    }
}
