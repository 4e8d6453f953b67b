import Foundation
import VigilCore

/// Decodes `POST /api/v1/logs`: NDJSON records, or plain text lines whose
/// labels come from the query string.
public enum JSONLines {
    struct Record: Decodable {
        var time: String?
        var service: String?
        var host: String?
        var level: String?
        var message: String
        var labels: [String: String]?
    }

    /// NDJSON: one object per line; blank lines are skipped. Any bad line refuses the whole body,
    /// naming its line number.
    public static func decodeNDJSON(_ body: [UInt8], now: Date, limits: LogLimits) throws(IngestError) -> [LogRecord] {
        guard String(validating: body, as: UTF8.self) != nil else { throw .malformed("request body is not valid UTF-8") }
        var out: [LogRecord] = []
        var lineNo = 0
        for line in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard !trimmed.isEmpty, !trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { continue }
            let r: Record
            do { r = try JSONBody.decode(Record.self, from: Array(line)) } catch {
                throw IngestError(status: error.status == 400 ? 400 : 422, message: "line \(lineNo): \(error.message)")
            }
            guard r.message.utf8.count <= limits.maxLineBytes else {
                throw .invalid("line \(lineNo): message longer than \(limits.maxLineBytes) bytes")
            }
            var time = now
            if let t = r.time {
                guard let parsed = RFC3339.parse(t) ?? Double(t).map({ Date(timeIntervalSince1970: $0 > 1e12 ? $0 / 1e9 : $0) })
                else { throw .invalid("line \(lineNo): time: not an RFC 3339 timestamp or Unix time") }
                time = parsed
            }
            var labels = r.labels ?? [:]
            if let s = r.service { labels["service"] = s }
            if let h = r.host { labels["host"] = h }
            if let l = r.level { labels["level"] = l }
            out.append(LogRecord(time: time, message: r.message, streamLabels: labels))
            guard out.count <= limits.maxLinesPerRequest else { throw .invalid("more than \(limits.maxLinesPerRequest) lines") }
        }
        return out
    }

    /// `text/plain`: every non-empty line is one record with the given labels.
    public static func decodeText(_ body: [UInt8], labels: LabelSet, now: Date, limits: LogLimits) throws(IngestError) -> [LogRecord] {
        guard String(validating: body, as: UTF8.self) != nil else { throw .malformed("request body is not valid UTF-8") }
        var out: [LogRecord] = []
        let base = LogRecord(time: now, message: "", streamLabels: labels)
        // Split on bytes: as Characters, "\r\n" is one grapheme and would not split on "\n".
        for (i, raw) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = raw.last == 0x0D ? raw.dropLast() : raw
            guard !line.isEmpty else { continue }
            guard line.count <= limits.maxLineBytes else { throw .invalid("line \(i + 1): longer than \(limits.maxLineBytes) bytes") }
            out.append(base.with(time: now, message: String(decoding: line, as: UTF8.self)))
            guard out.count <= limits.maxLinesPerRequest else { throw .invalid("more than \(limits.maxLinesPerRequest) lines") }
        }
        return out
    }
}
