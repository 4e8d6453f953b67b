import Foundation

/// Replaces secrets in text with `[REDACTED]` before the text leaves the process (LLM prompts,
/// notifications, command output shown to people).
///
/// Built-in rules, applied in this order: PEM private key blocks; credentials in URLs
/// (`postgres://user:pass@host` keeps the user); JWTs; `Bearer`/`Basic` credentials; AWS access
/// key IDs; Slack tokens and webhook paths; Telegram bot tokens; GitHub, OpenAI and Anthropic style
/// keys; `key=value` / `key: value` / JSON pairs whose key names a secret (password, passwd, pwd,
/// secret, token, api_key, access_key, private_key, credential, auth…); and a long hex or base64
/// run right after such a word (`secret 9f86d081…`). Extra patterns (ICU regular expressions)
/// replace their whole match. Redacting twice gives the same text as once.
///
/// ```swift
/// let redactor = try Redactor(extraPatterns: ["corp-[0-9]{6}"])
/// redactor.redact("password=hunter2 id corp-123456") // "password=[REDACTED] id [REDACTED]"
/// ```
public struct Redactor: Sendable {
    public static let replacement = "[REDACTED]"

    private let rules: [Rule]

    private struct Rule: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe
        let regex: NSRegularExpression
        let template: String
    }

    /// A pattern that failed to compile, by its index in `extraPatterns`.
    public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
        public var index: Int
        public var pattern: String
        public var description: String { "invalid redaction pattern #\(index) '\(pattern)'" }
    }

    /// The built-in rules plus `extraPatterns`; throws `PatternError` for a pattern that does not compile.
    public init(extraPatterns: [String] = []) throws(PatternError) {
        var rules = Self.builtIn
        for (i, pattern) in extraPatterns.enumerated() {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { throw PatternError(index: i, pattern: pattern) }
            rules.append(Rule(regex: regex, template: Self.replacement))
        }
        self.rules = rules
    }

    /// `text` with every secret replaced.
    public func redact(_ text: String) -> String {
        var out = text
        for rule in rules {
            let range = NSRange(out.startIndex..., in: out)
            guard rule.regex.firstMatch(in: out, range: range) != nil else { continue }
            out = rule.regex.stringByReplacingMatches(in: out, range: range, withTemplate: rule.template)
        }
        return out
    }

    /// Words that make the value after them a secret.
    private static let secretKey =
        "[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth)[A-Za-z0-9_.-]*"

    private static let builtIn: [Rule] = [
        (#"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"#, "[REDACTED]"),
        (#"\b([A-Za-z][A-Za-z0-9+.-]*://[^\s:/@?#]*:)[^\s@/?#]+@"#, "$1[REDACTED]@"),
        (#"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"#, "[REDACTED]"),
        (#"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}"#, "$1$2[REDACTED]"),
        (#"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"#, "[REDACTED]"),
        (#"\bxox[abposr]-[A-Za-z0-9-]{10,}"#, "[REDACTED]"),
        (#"(hooks\.slack\.com/services/)[A-Za-z0-9/]+"#, "$1[REDACTED]"),
        (#"\b(bot)?[0-9]{6,12}:[A-Za-z0-9_-]{30,}"#, "$1[REDACTED]"),
        (#"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,})"#, "[REDACTED]"),
        // key: "value" / key: 'value' keep their quotes; a bare value runs to a space or separator.
        ("(?i)\\b(\(secretKey))(\"?\\s*[:=]\\s*\")(?!\\[REDACTED\\]\")[^\"\\n]+\"", "$1$2[REDACTED]\""),
        ("(?i)\\b(\(secretKey))('?\\s*[:=]\\s*')(?!\\[REDACTED\\]')[^'\\n]+'", "$1$2[REDACTED]'"),
        ("(?i)\\b(\(secretKey))([\"']?\\s*[:=]\\s*)(?![\"']|\\[REDACTED\\]|(?:bearer|basic)\\s)[^\\s\"',;&}]+",
         "$1$2[REDACTED]"),
        ("(?i)\\b(\(secretKey))(\\s+)[A-Za-z0-9+/_=-]{24,}", "$1$2[REDACTED]"),
    ].map { pattern, template in
        // The built-in patterns are constants checked by tests; a typo must fail loudly.
        Rule(regex: try! NSRegularExpression(pattern: pattern), template: template)
    }
}
