/// A rough token budget for prompts.
///
/// Tokens are estimated as one per 4 UTF-8 bytes, rounded up: close for English and JSON with
/// common BPE tokenizers, generous for Cyrillic (2 bytes a letter) — so a prompt trimmed to the
/// budget fits with margin, never with certainty. Keep `reserve` for the answer's own tokens.
///
/// ```swift
/// let budget = TokenBudget(tokens: 1500)
/// let (kept, dropped) = budget.fit(rankedLines, fixedText: header)
/// ```
public struct TokenBudget: Sendable, Hashable {
    public var tokens: Int

    public init(tokens: Int) { self.tokens = tokens }

    /// The estimated token count of `text`.
    public static func estimate(_ text: String) -> Int { (text.utf8.count + 3) / 4 }

    /// The longest prefix of `ranked` (best first) that fits next to `fixedText`, one line each
    /// (a newline counted per line); how many were dropped. Lower-ranked lines never displace
    /// higher-ranked ones, so a long line ends the list rather than being skipped over.
    public func fit(_ ranked: [String], fixedText: String = "") -> (kept: [String], dropped: Int) {
        var left = tokens - Self.estimate(fixedText)
        var kept: [String] = []
        for line in ranked {
            let cost = Self.estimate(line + "\n")
            guard cost <= left else { break }
            left -= cost
            kept.append(line)
        }
        return (kept, ranked.count - kept.count)
    }
}
