import Foundation
import VigilCore

/// Decodes `POST /api/v1/metrics`:
///
/// ```json
/// {"samples": [{"name": "queue_depth", "labels": {"service": "api"}, "value": 12, "time": "2024-05-01T12:00:00Z"}]}
/// ```
///
/// `time` is RFC 3339 or Unix seconds (milliseconds when above 10¹²) and defaults to now. Any bad
/// sample refuses the whole body with an `IngestError` naming the field (`samples[3].value`).
public enum MetricsJSON {
    struct Body: Decodable {
        var samples: [Item]
    }

    struct Item: Decodable {
        var name: String
        var labels: [String: String]?
        var value: Double
        var time: SampleTime?
    }

    /// A time given as RFC 3339 text or as a Unix time number.
    struct SampleTime: Decodable {
        let date: Date

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Double.self) {
                guard n.isFinite, n >= 0 else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a Unix time") }
                date = Date(timeIntervalSince1970: n > 1e12 ? n / 1000 : n)
            } else if let s = try? c.decode(String.self) {
                guard let d = RFC3339.parse(s) else {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s.prefix(40))' is not an RFC 3339 timestamp")
                }
                date = d
            } else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an RFC 3339 string or Unix seconds")
            }
        }
    }

    /// Samples may be at most this far ahead of the server's clock.
    public static let maxFutureSkew: TimeInterval = 600

    public static func decode(_ bytes: [UInt8], now: Date, limits: IngestLimits,
                              maxSamples: Int = 10_000) throws(IngestError) -> [MetricSample] {
        let body = try JSONBody.decode(Body.self, from: bytes)
        guard !body.samples.isEmpty else { throw .invalid("samples: at least one sample is required") }
        guard body.samples.count <= maxSamples else {
            throw .invalid("samples: \(body.samples.count) samples, at most \(maxSamples) per request")
        }
        var out: [MetricSample] = []
        out.reserveCapacity(body.samples.count)
        for (i, item) in body.samples.enumerated() {
            let field = "samples[\(i)]"
            guard isMetricName(item.name) else {
                throw .invalid("\(field).name: invalid metric name '\(item.name.prefix(64))' (must match [a-zA-Z_:][a-zA-Z0-9_:]*)")
            }
            let labels = item.labels ?? [:]
            try LabelValidation.check(labels, field: "\(field).labels", limits: limits, requireOne: false)
            guard labels["__name__"] == nil else { throw .invalid("\(field).labels: '__name__' is reserved; use 'name'") }
            let time = item.time?.date ?? now
            guard time.timeIntervalSince(now) <= maxFutureSkew else {
                throw .invalid("\(field).time: more than \(Int(maxFutureSkew / 60)) minutes in the future")
            }
            // An empty value is no label (as in Prometheus), so `{a=""}` and `{}` are one series.
            out.append(MetricSample(name: item.name, labels: labels.filter { !$0.value.isEmpty }, time: time, value: item.value))
        }
        return out
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`, at most 256 bytes.
    public static func isMetricName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 256, ExpositionLine.isNameStart(first, colon: true) else { return false }
        return name.utf8.allSatisfy { ExpositionLine.isNameByte($0, colon: true) }
    }
}
