import Foundation
import VigilCore

/// Parses syslog messages: RFC 5424 (`<34>1 2024-05-01T12:00:00Z host app 123 ID47 - msg`)
/// and RFC 3164 (`<34>May  1 12:00:00 host app[123]: msg`).
public enum Syslog {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { "syslog: \(reason)" }
    }

    static let severityLevels = ["critical", "critical", "critical", "error", "warning", "info", "info", "debug"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses one message. `now` fills the year RFC 3164 leaves out and the time when none is given.
    public static func parse(_ bytes: ArraySlice<UInt8>, now: Date, peer: String = "") throws(ParseError) -> LogRecord {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw ParseError(reason: "message is not valid UTF-8") }
        var b = bytes
        while let last = b.last, last == 0x0A || last == 0x0D || last == 0 { b = b.dropLast() }
        guard b.first == UInt8(ascii: "<"), let close = b.prefix(5).firstIndex(of: UInt8(ascii: ">")), close > b.startIndex + 1,
              let pri = Int(String(decoding: b[(b.startIndex + 1)..<close], as: UTF8.self)), pri >= 0, pri <= 191
        else { throw ParseError(reason: "missing or bad <PRI>") }
        b = b[(close + 1)...]
        let level = severityLevels[pri % 8]
        // Service, host and level are the record's own fields; labels keep what else the header said.
        var labels: LabelSet = ["facility": String(pri / 8)]
        if b.starts(with: [UInt8(ascii: "1"), 0x20]) {
            return try parse5424(b.dropFirst(2), level: level, labels: &labels, now: now, peer: peer)
        }
        return parse3164(Substring(String(decoding: b, as: UTF8.self)), level: level, labels: &labels, now: now, peer: peer)
    }

    /// RFC 5424 after `<PRI>1 `, on bytes (the hot path of syslog TCP).
    private static func parse5424(_ rest: ArraySlice<UInt8>, level: String, labels: inout LabelSet, now: Date,
                                  peer: String) throws(ParseError) -> LogRecord {
        var s = rest
        func field() -> ArraySlice<UInt8> {
            let end = s.firstIndex(of: 0x20) ?? s.endIndex
            let f = s[s.startIndex..<end]
            s = s[end...].drop { $0 == 0x20 }
            return f
        }
        func text(_ f: ArraySlice<UInt8>) -> String { String(decoding: f, as: UTF8.self) }
        let dash: ArraySlice<UInt8> = [UInt8(ascii: "-")]
        let ts = field(), host = field(), app = field(), procid = field(), msgid = field()
        guard !ts.isEmpty, !msgid.isEmpty else { throw ParseError(reason: "RFC 5424 header is incomplete") }
        let time: Date
        if ts.elementsEqual(dash) { time = now } else {
            guard let t = RFC3339.parse(text(ts)) else { throw ParseError(reason: "bad RFC 5424 timestamp '\(text(ts.prefix(40)))'") }
            time = t
        }
        // Structured data: "-" or one or more [id k="v"] blocks.
        if s.first == UInt8(ascii: "-") {
            s = s.dropFirst().drop { $0 == 0x20 }
        } else {
            while s.first == UInt8(ascii: "[") {
                var i = s.startIndex
                var inQuote = false
                var escaped = false
                while i < s.endIndex {
                    let c = s[i]
                    if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true }
                    else if c == UInt8(ascii: "\"") { inQuote.toggle() } else if c == UInt8(ascii: "]"), !inQuote { break }
                    i += 1
                }
                guard i < s.endIndex else { throw ParseError(reason: "unterminated structured data") }
                s = s[(i + 1)...]
            }
            s = s.drop { $0 == 0x20 }
        }
        if s.starts(with: [0xEF, 0xBB, 0xBF]) { s = s.dropFirst(3) }
        if !procid.elementsEqual(dash) { labels["pid"] = text(procid) }
        if !msgid.elementsEqual(dash) { labels["msgid"] = text(msgid) }
        let service = app.elementsEqual(dash) ? "syslog" : text(app)
        let hostName = host.elementsEqual(dash) ? peer : text(host)
        return LogRecord(time: time, service: service, host: hostName, level: level, message: text(s), labels: labels)
    }

    private static func parse3164(_ rest: Substring, level: String, labels: inout LabelSet, now: Date,
                                  peer: String) -> LogRecord {
        var s = rest
        var time = now
        // "Mmm dd hh:mm:ss " (day may be space-padded)
        if s.count >= 16, let mi = months.firstIndex(of: String(s.prefix(3))) {
            let chunk = s.prefix(15)
            let parts = chunk.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 3, let day = Int(parts[1]) {
                let hms = parts[2].split(separator: ":").compactMap { Int($0) }
                if hms.count == 3 {
                    var cal = Calendar(identifier: .gregorian)
                    cal.timeZone = TimeZone(identifier: "UTC")!
                    var comps = cal.dateComponents([.year], from: now)
                    comps.month = mi + 1
                    comps.day = day
                    comps.hour = hms[0]; comps.minute = hms[1]; comps.second = hms[2]
                    if let d = cal.date(from: comps) {
                        // A December message read in January belongs to last year.
                        time = d.timeIntervalSince(now) > 86_400 ? cal.date(byAdding: .year, value: -1, to: d) ?? d : d
                    }
                    s = s.dropFirst(15).drop { $0 == " " }
                }
            }
        } else if let sp = s.firstIndex(of: " "), let t = RFC3339.parse(String(s[..<sp])) {
            time = t // some senders put an ISO timestamp here
            s = s[s.index(after: sp)...].drop { $0 == " " }
        }
        var host = peer
        var service = "syslog"
        // HOSTNAME then TAG[pid]: — a token ending in ':' is the tag (hostname omitted).
        let first = s.prefix { $0 != " " }
        if !first.isEmpty, !first.hasSuffix(":") {
            host = String(first)
            s = s.dropFirst(first.count).drop { $0 == " " }
        }
        let tagToken = s.prefix { $0 != " " }
        if tagToken.hasSuffix(":"), tagToken.count > 1 {
            var tag = tagToken.dropLast()
            if let lb = tag.firstIndex(of: "["), tag.hasSuffix("]") {
                labels["pid"] = String(tag[tag.index(after: lb)..<tag.index(before: tag.endIndex)])
                tag = tag[..<lb]
            }
            service = String(tag)
            s = s.dropFirst(tagToken.count).drop { $0 == " " }
        }
        return LogRecord(time: time, service: service, host: host, level: level, message: String(s), labels: labels)
    }
}

/// Splits a syslog TCP byte stream into messages: RFC 6587 octet counting
/// (`LEN SP MSG`) or, when a frame does not start with a digit, LF framing.
/// Partial frames wait for more bytes.
public struct SyslogFramer: Sendable {
    public let maxFrame: Int
    private var buffer: [UInt8] = []

    public init(maxFrame: Int = 256 << 10) { self.maxFrame = maxFrame }

    public struct Oversized: Error, Sendable {}

    /// Adds bytes and returns every complete frame.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(Oversized) -> [ArraySlice<UInt8>] {
        buffer.append(contentsOf: bytes)
        var frames: [ArraySlice<UInt8>] = []
        var pos = 0
        while pos < buffer.count {
            let c = buffer[pos]
            if c == 0x0A || c == 0x0D || c == 0x00 { pos += 1; continue }
            if c >= 0x30, c <= 0x39 {
                var len = 0
                var i = pos
                while i < buffer.count, buffer[i] >= 0x30, buffer[i] <= 0x39, i - pos < 9 {
                    len = len * 10 + Int(buffer[i] - 0x30)
                    i += 1
                }
                if i == buffer.count { break } // length still arriving
                if buffer[i] == 0x20 {
                    guard len <= maxFrame else { throw Oversized() }
                    guard buffer.count - (i + 1) >= len else { break } // wait for the rest
                    frames.append(buffer[(i + 1)..<(i + 1 + len)])
                    pos = i + 1 + len
                    continue
                }
            }
            guard let nl = buffer[pos...].firstIndex(of: 0x0A) else {
                guard buffer.count - pos <= maxFrame else { throw Oversized() }
                break
            }
            frames.append(buffer[pos..<nl])
            pos = nl + 1
        }
        let copies = frames.map { ArraySlice(Array($0)) }
        buffer.removeFirst(pos)
        return copies
    }

    /// What is left when the connection closes (an unterminated last line).
    public mutating func finish() -> ArraySlice<UInt8>? {
        defer { buffer.removeAll() }
        let rest = buffer.drop { $0 == 0x0A || $0 == 0x0D || $0 == 0 }
        return rest.isEmpty ? nil : ArraySlice(Array(rest))
    }
}
