import Foundation
import Testing
import VigilCore
import VigilIngest

@Suite struct AlertmanagerWebhookTests {
    let limits = IngestLimits()

    private func decode(_ body: String, limits: IngestLimits = IngestLimits()) throws(IngestError) -> [Alert] {
        try AlertmanagerWebhook.decode(utf8Bytes(body), now: ingestNow, limits: limits)
    }

    @Test func decodesARealVersion4Payload() throws {
        let alerts = try decode(alertmanagerWebhookBody)
        #expect(alerts.count == 2)
        let firing = alerts[0]
        #expect(firing.labels == ["alertname": "HighLatency", "instance": "api-1:9090", "job": "api",
                                  "service": "api", "severity": "critical"])
        #expect(firing.annotations["summary"] == "p99 latency above 2s")
        #expect(firing.annotations["runbook_url"] == "https://runbooks/latency")
        #expect(abs(firing.startsAt.timeIntervalSince1970 - 1_714_564_800.123456789) < 1e-6)
        #expect(firing.endsAt == nil, "Alertmanager's zero endsAt means still firing")
        #expect(firing.source == "alertmanager")
        #expect(firing.generatorURL == "http://prometheus:9090/graph?g0.expr=histogram_quantile%280.99%29&g0.tab=1")
        #expect(firing.fingerprint.description == "d1f37604d0da6173", "same fingerprint as Alertmanager computed")
        #expect(!firing.isResolved(at: ingestNow))

        let resolved = alerts[1]
        #expect(resolved.endsAt == rfc3339("2024-05-01T12:05:00Z"))
        #expect(resolved.startsAt == rfc3339("2024-05-01T11:50:00Z"))
        #expect(resolved.isResolved(at: ingestNow))
        #expect(resolved.source == "alertmanager")
        #expect(resolved.fingerprint.description == "bd3765752216c772")
    }

    @Test func versionIsOptional() throws {
        let alerts = try decode(#"{"alerts":[{"status":"firing","labels":{"alertname":"A"}}]}"#)
        #expect(alerts.count == 1)
        #expect(alerts[0].startsAt == ingestNow, "missing startsAt means now")
        #expect(alerts[0].annotations.isEmpty)
    }

    @Test func resolvedWithoutEndsAtOrWithAFutureEndsAtEndsNow() throws {
        let alerts = try decode(#"""
        {"version":"4","alerts":[
          {"status":"resolved","labels":{"alertname":"A"},"startsAt":"2024-05-01T12:00:00Z"},
          {"status":"resolved","labels":{"alertname":"B"},"startsAt":"2024-05-01T12:00:00Z","endsAt":"2024-05-01T13:00:00Z"},
          {"status":"resolved","labels":{"alertname":"C"},"startsAt":"2024-05-01T12:00:00Z","endsAt":"0001-01-01T00:00:00Z"}
        ]}
        """#)
        #expect(alerts.map(\.endsAt) == [ingestNow, ingestNow, ingestNow])
        #expect(alerts.allSatisfy { $0.isResolved(at: ingestNow) })
    }

    @Test func firingIgnoresEndsAtWhetherFutureOrPast() throws {
        // A firing alert's endsAt is Alertmanager's resend deadline, not an end: it fires until "resolved" arrives.
        let alerts = try decode(#"""
        {"version":"4","alerts":[
          {"status":"firing","labels":{"alertname":"A"},"startsAt":"2024-05-01T12:00:00Z","endsAt":"2024-05-01T12:20:00Z"},
          {"status":"firing","labels":{"alertname":"B"},"startsAt":"2024-05-01T12:00:00Z","endsAt":"2024-05-01T12:01:00Z"}
        ]}
        """#)
        #expect(alerts.map(\.endsAt) == [nil, nil])
        #expect(alerts.allSatisfy { !$0.isResolved(at: ingestNow) })
    }

    @Test func nullTimestampsReadAsAbsent() throws {
        let alerts = try decode(#"{"alerts":[{"status":"firing","labels":{"alertname":"A"},"startsAt":null,"endsAt":""}]}"#)
        #expect(alerts[0].startsAt == ingestNow)
        #expect(alerts[0].endsAt == nil)
    }

    @Test func emptyAlertListIsFine() throws {
        #expect(try decode(#"{"version":"4","alerts":[]}"#).isEmpty)
    }

    // MARK: errors

    @Test func unsupportedVersionIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"version":"3","alerts":[]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("version:"))
        #expect(e.message.contains("'3'"))
    }

    @Test func wrongStatusTypeNamesTheField() throws {
        let e = try #require(ingestFailure { try decode(#"""
        {"alerts":[{"status":"firing","labels":{"alertname":"A"}},{"status":5,"labels":{"alertname":"B"}}]}
        """#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[1].status:"), "\(e.message)")
        #expect(e.message.contains("a string"))
    }

    @Test func unknownStatusValueNamesTheField() throws {
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"pending","labels":{"alertname":"A"}}]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].status:"))
        #expect(e.message.contains("pending"))
    }

    @Test func missingAlertsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"version":"4"}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts:"), "\(e.message)")
        #expect(e.message.contains("missing"))
    }

    @Test func missingLabelsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing"}]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].labels:"), "\(e.message)")
    }

    @Test func emptyLabelsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing","labels":{}}]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].labels:"))
        #expect(e.message.contains("at least one label"))
    }

    @Test(arguments: ["1abc", "foo-bar", "with space", "ü", "a.b"])
    func invalidLabelNameIs422(name: String) throws {
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing","labels":{"alertname":"A","\#(name)":"x"}}]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].labels:"), "\(e.message)")
        #expect(e.message.contains("invalid label name"))
    }

    @Test func invalidAnnotationNameIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing","labels":{"a":"1"},"annotations":{"bad-name":"x"}}]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].annotations:"))
    }

    @Test func tooManyLabelsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing","labels":\#(manyLabels(10_000))}]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].labels:"))
        #expect(e.message.contains("10000 labels"))
    }

    @Test func tooManyAlertsIs422() throws {
        let one = #"{"status":"firing","labels":{"alertname":"A"}}"#
        let body = #"{"alerts":[\#(Array(repeating: one, count: 4).joined(separator: ","))]}"#
        let small = IngestLimits(maxAlertsPerRequest: 3)
        #expect(try decode(#"{"alerts":[\#(Array(repeating: one, count: 3).joined(separator: ","))]}"#, limits: small).count == 3)
        let e = try #require(ingestFailure { try decode(body, limits: small) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts:"))
    }

    @Test func labelValueTooLongIs422() throws {
        let long = String(repeating: "x", count: 101)
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing","labels":{"big":"\#(long)"}}]}"#,
                                                 limits: IngestLimits(maxLabelValueBytes: 100)) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].labels.big:"))
    }

    @Test func badTimestampIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing","labels":{"a":"1"},"startsAt":"yesterday"}]}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("alerts[0].startsAt:"), "\(e.message)")
        let n = try #require(ingestFailure { try decode(#"{"alerts":[{"status":"firing","labels":{"a":"1"},"endsAt":12}]}"#) })
        #expect(n.status == 422)
        #expect(n.message.hasPrefix("alerts[0].endsAt:"), "\(n.message)")
    }

    @Test func topLevelArrayIs422() throws {
        let e = try #require(ingestFailure { try decode("[]") })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("body:"), "\(e.message)")
    }
}
