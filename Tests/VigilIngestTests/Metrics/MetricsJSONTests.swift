import Foundation
import Testing
import VigilCore
import VigilIngest

@Suite("POST /api/v1/metrics body")
struct MetricsJSONTests {
    let limits = IngestLimits(maxLabelsPerAlert: 4)

    @Test("samples with RFC 3339, Unix seconds, Unix milliseconds and no time")
    func decodes() throws {
        let body = #"""
            {"samples": [
              {"name": "queue_depth", "labels": {"service": "api"}, "value": 12, "time": "2024-05-01T12:00:00Z"},
              {"name": "ns:latency_seconds", "value": 0.25, "time": 1714564800},
              {"name": "x", "value": -1e3, "time": 1714564800500},
              {"name": "y", "labels": {"gone": ""}, "value": 1}
            ]}
            """#
        let s = try MetricsJSON.decode(utf8Bytes(body), now: ingestNow, limits: limits)
        #expect(s.count == 4)
        #expect(s[0].series.key == #"queue_depth{service="api"}"#)
        #expect(s[0].time == rfc3339("2024-05-01T12:00:00Z"))
        #expect(s[1].time == Date(timeIntervalSince1970: 1_714_564_800))
        #expect(s[2].time == Date(timeIntervalSince1970: 1_714_564_800.5) && s[2].value == -1000)
        #expect(s[3].time == ingestNow && s[3].labels.isEmpty, "empty label values are dropped")
    }

    @Test("bad input is refused whole, naming the field", arguments: [
        (#"{"samples": [{"name": "a", "value": 1}, {"name": "b", "value": "x"}]}"#, 422, "samples[1].value"),
        (#"{"samples": [{"value": 1}]}"#, 422, "samples[0].name: required"),
        (#"{"samples": [{"name": "9a", "value": 1}]}"#, 422, "samples[0].name: invalid metric name"),
        (#"{"samples": [{"name": "a", "labels": {"b-c": "1"}, "value": 1}]}"#, 422, "samples[0].labels: invalid label name"),
        (#"{"samples": [{"name": "a", "labels": {"a":"","b":"","c":"","d":"","e":""}, "value": 1}]}"#, 422, "at most 4"),
        (#"{"samples": [{"name": "a", "labels": {"__name__": "b"}, "value": 1}]}"#, 422, "reserved"),
        (#"{"samples": [{"name": "a", "value": 1, "time": "yesterday"}]}"#, 422, "samples[0].time"),
        (#"{"samples": [{"name": "a", "value": 1, "time": 1914564800}]}"#, 422, "in the future"),
        (#"{"samples": []}"#, 422, "at least one"),
        (#"{"sample": []}"#, 422, "samples: required"),
        (#"{"samples": [{"name": "a", "value": 1}"#, 400, "malformed JSON"),
        ("", 400, "empty"),
    ])
    func refuses(_ body: String, _ status: Int, _ message: String) throws {
        let error = try #require(ingestFailure { try MetricsJSON.decode(utf8Bytes(body), now: ingestNow, limits: limits) })
        #expect(error.status == status, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("too many samples")
    func tooMany() throws {
        let body = #"{"samples": ["# + Array(repeating: #"{"name": "a", "value": 1}"#, count: 3).joined(separator: ",") + "]}"
        let error = try #require(ingestFailure { try MetricsJSON.decode(utf8Bytes(body), now: ingestNow, limits: limits, maxSamples: 2) })
        #expect(error.message.contains("at most 2"))
    }
}
