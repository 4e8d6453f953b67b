// The default masking set as a standalone function (what the miner sees).

/// Applies the miner's tokenisation and default masks to a message.
public enum LogMasking {
    /// Masked tokens of a message: `"took 12 ms from 10.0.0.1:22"` → `["took", "<*>", "from", "<*>"]`.
    public static func tokens(_ message: String, maxTokens: Int = TemplateMinerConfiguration.default.maxTokens) -> [String] {
        var message = message
        return message.withUTF8 { p in
            var sink = TextSink()
            MessageTokenizer.tokenize(p, maxTokens: max(2, maxTokens), into: &sink)
            return sink.texts
        }
    }

    /// Masked message, tokens joined by single spaces.
    public static func mask(_ message: String) -> String { tokens(message).joined(separator: " ") }
}
