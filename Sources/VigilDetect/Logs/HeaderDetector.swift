// Automatic header detection for raw log lines: splits a line into header fields
// (timestamp, level, pid, thread, component, host) and the message, with general rules
// rather than per-format code paths:
//
//   • JSON lines: the `msg`/`message`/`log` member is the message; `level`, `time`, … are fields.
//   • logfmt: `level=info msg="…"` — the `msg` value is the message.
//   • syslog with a priority: RFC 5424 fields; RFC 3164 continues with the general rules.
//   • Otherwise a leading run of header tokens: timestamps, numbers, dashes, `[brackets]`,
//     upper-case tags and node names up to a level word; after the level, brackets, a
//     `component:` (or `logger -`) and a ` - ` separator. Without a level: a run of
//     timestamps, then `[thread]`, `component:` or `host tag[pid]:` (syslog files), or
//     pipe-separated fields (`time|component|pid|message`), or klog (`I0102 15:04:05 1 f.go:4]`).
//
// Lines without a recognisable header are all message.

/// Byte ranges of the header fields and the message in a raw line's UTF-8.
public struct HeaderRanges: Sendable, Equatable {
    /// Date and time tokens (`2024-01-02 15:04:05,123`, `[Sun Dec 04 04:47:44 2005]`).
    public var timestamp: Range<Int>?
    /// Level word as written (`INFO`, `[error]`, `I` for klog).
    public var level: Range<Int>?
    /// Process id, where the format names one.
    public var pid: Range<Int>?
    /// Bracketed thread or context (`[main]`, `[pid 1:tid 2]`).
    public var thread: Range<Int>?
    /// Logger, component or syslog tag (`org.foo.Bar:`, `sshd[24200]:`).
    public var component: Range<Int>?
    /// Host name (syslog).
    public var host: Range<Int>?
    /// The message (for JSON and logfmt: the raw, still escaped, string value).
    public var message: Range<Int>

    /// Ranges with only the message known.
    public init(message: Range<Int>) { self.message = message }
}

/// Header fields and message of a raw line, as strings.
public struct LogHeader: Sendable, Equatable {
    /// See `HeaderRanges` for what each field holds.
    public var timestamp: String?
    public var level: String?
    public var pid: String?
    public var thread: String?
    public var component: String?
    public var host: String?
    /// The message (JSON escapes decoded).
    public var message: String

    /// A header from its fields.
    public init(timestamp: String? = nil, level: String? = nil, pid: String? = nil, thread: String? = nil,
                component: String? = nil, host: String? = nil, message: String) {
        self.timestamp = timestamp
        self.level = level
        self.pid = pid
        self.thread = thread
        self.component = component
        self.host = host
        self.message = message
    }
}

/// Splits raw log lines into header fields and message. Stateless; one rule set for all logs.
public struct HeaderDetector: Sendable {
    /// A detector (it has no settings).
    public init() {}

    /// Header fields and message of a line.
    public func parse(_ line: String) -> LogHeader {
        var line = line
        return line.withUTF8 { p in
            let r = ranges(in: p)
            func text(_ range: Range<Int>?) -> String? {
                guard let range else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
            }
            var message = text(r.message) ?? ""
            if r.message.lowerBound > 0, p[r.message.lowerBound - 1] == UInt8(ascii: "\""), message.contains("\\") {
                message = JSONHeader.unescape(message)
            }
            return LogHeader(
                timestamp: text(r.timestamp), level: text(r.level), pid: text(r.pid), thread: text(r.thread),
                component: text(r.component), host: text(r.host), message: message)
        }
    }

    /// Where the header fields and the message are (the fast entry point).
    public func ranges(in p: UnsafeBufferPointer<UInt8>) -> HeaderRanges {
        var start = 0
        var end = p.count
        while start < end && LogByte.isSpace(p[start]) { start += 1 }
        while end > start && LogByte.isSpace(p[end - 1]) { end -= 1 }
        guard start < end else { return HeaderRanges(message: start..<start) }
        let line = UnsafeBufferPointer(rebasing: p[0..<end])
        if p[start] == UInt8(ascii: "{"), let r = JSONHeader.scan(line, from: start) { return r }
        if p[start] == UInt8(ascii: "<"), let r = SyslogHeader.scan(line, from: start) { return r }
        if let r = LogfmtHeader.scan(line, from: start) { return r }
        return GenericHeader.scan(line, from: start)
    }
}
