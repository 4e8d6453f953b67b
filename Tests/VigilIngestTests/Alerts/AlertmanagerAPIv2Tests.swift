import Foundation
import Testing
import VigilCore
import VigilIngest

@Suite struct AlertmanagerAPIv2Tests {
    private func decode(_ body: String, limits: IngestLimits = IngestLimits()) throws(IngestError) -> [Alert] {
        try AlertmanagerAPIv2.decode(utf8Bytes(body), now: ingestNow, limits: limits)
    }

    @Test func decodesWhatPrometheusSends() throws {
        let alerts = try decode(prometheusV2Body)
        #expect(alerts.count == 2)
        #expect(alerts[0].labels == ["alertname": "DiskFull", "instance": "db1:9100", "job": "node", "severity": "warning"])
        #expect(alerts[0].annotations == ["summary": "disk 95% full"])
        #expect(alerts[0].startsAt == rfc3339("2024-05-01T12:00:00Z"))
        #expect(alerts[0].endsAt == rfc3339("2024-05-01T12:14:00Z"))
        #expect(alerts[0].generatorURL == "http://prometheus:9090/graph?g0.expr=node_filesystem")
        #expect(alerts[0].source == "prometheus")
        #expect(!alerts[0].isResolved(at: ingestNow))
        #expect(alerts[1].annotations.isEmpty)
        #expect(alerts[1].generatorURL == nil)
        #expect(abs(alerts[1].startsAt.timeIntervalSince1970 - 1_714_561_200.5) < 1e-6)
        #expect(alerts[1].isResolved(at: ingestNow), "endsAt in the past: resolved")
    }

    @Test func missingTimesMeanNowAndFiring() throws {
        let alerts = try decode(#"[{"labels":{"alertname":"A"}}]"#)
        #expect(alerts[0].startsAt == ingestNow)
        #expect(alerts[0].endsAt == nil)
    }

    @Test func resolvedAlertWithOnlyEndsAtStartsWhenItEnded() throws {
        // Alertmanager's API sets startsAt = endsAt when only endsAt is given, so this is accepted as resolved.
        let alerts = try decode(#"[{"labels":{"alertname":"A"},"endsAt":"2024-05-01T12:05:00Z"}]"#)
        #expect(alerts.count == 1)
        #expect(alerts[0].endsAt == rfc3339("2024-05-01T12:05:00Z"))
        #expect(alerts[0].startsAt == rfc3339("2024-05-01T12:05:00Z"))
        #expect(alerts[0].isResolved(at: ingestNow))
    }

    @Test func firingAlertWithOnlyAFutureEndsAtStartsNow() throws {
        let alerts = try decode(#"[{"labels":{"alertname":"A"},"endsAt":"2024-05-01T12:30:00Z"}]"#)
        #expect(alerts[0].startsAt == ingestNow)
        #expect(alerts[0].endsAt == rfc3339("2024-05-01T12:30:00Z"))
        #expect(!alerts[0].isResolved(at: ingestNow))
    }

    @Test func zeroTimestampsReadAsAbsent() throws {
        let alerts = try decode(#"[{"labels":{"a":"1"},"startsAt":"0001-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]"#)
        #expect(alerts[0].startsAt == ingestNow)
        #expect(alerts[0].endsAt == nil)
    }

    @Test func endsAtEqualToStartsAtIsAllowed() throws {
        let alerts = try decode(#"[{"labels":{"a":"1"},"startsAt":"2024-05-01T12:00:00Z","endsAt":"2024-05-01T12:00:00Z"}]"#)
        #expect(alerts[0].endsAt == alerts[0].startsAt)
    }

    // MARK: errors

    @Test func wrongLabelValueTypeNamesTheField() throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":{"alertname":5}}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].labels.alertname:"), "\(e.message)")
        #expect(e.message.contains("a string"))
    }

    @Test func wrongTypeInTheSecondAlertNamesItsIndex() throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":{"a":"1"}},{"labels":{"a":"1"},"annotations":[]}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[1].annotations:"), "\(e.message)")
    }

    @Test func labelsOfTheWrongKindIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":"alertname=A"}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].labels:"), "\(e.message)")
    }

    @Test func nullLabelsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":null}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].labels:"), "\(e.message)")
    }

    @Test func missingLabelsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"annotations":{}}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].labels:"), "\(e.message)")
        #expect(e.message.contains("missing"))
    }

    @Test func emptyLabelsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":{}}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].labels:"))
    }

    @Test func invalidLabelNameIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":{"alert-name":"A"}}]"#) })
        #expect(e.status == 422)
        #expect(e.message.contains("invalid label name 'alert-name'"))
    }

    @Test func tenThousandLabelsIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":\#(manyLabels(10_000))}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].labels:"))
        #expect(e.message.contains("at most 256"))
    }

    @Test func exactlyTheLabelLimitIsAccepted() throws {
        #expect(try decode(#"[{"labels":\#(manyLabels(256))}]"#)[0].labels.count == 256)
    }

    @Test func tooManyAlertsIs422() throws {
        let one = #"{"labels":{"a":"1"}}"#
        let e = try #require(ingestFailure {
            try decode("[" + Array(repeating: one, count: 11).joined(separator: ",") + "]",
                       limits: IngestLimits(maxAlertsPerRequest: 10))
        })
        #expect(e.status == 422)
        #expect(e.message.contains("11 alerts"))
    }

    @Test func endsAtBeforeStartsAtIs422() throws {
        let e = try #require(ingestFailure {
            try decode(#"[{"labels":{"a":"1"}},{"labels":{"a":"2"},"startsAt":"2024-05-01T12:00:00Z","endsAt":"2024-05-01T11:59:59Z"}]"#)
        })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[1].endsAt:"), "\(e.message)")
    }

    @Test(arguments: ["2024-05-01", "2024-05-01T12:00:00", "1714564800", "2024-02-30T00:00:00Z", "garbage"])
    func badTimestampIs422(ts: String) throws {
        let e = try #require(ingestFailure { try decode(#"[{"labels":{"a":"1"},"startsAt":"\#(ts)"}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].startsAt:"), "\(e.message)")
        #expect(e.message.contains("RFC 3339"))
    }

    @Test func objectInsteadOfListIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"labels":{"a":"1"}}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("body:"))
        #expect(e.message.contains("an array"))
    }
}
