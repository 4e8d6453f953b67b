import Foundation
import Testing
import VigilCore
import VigilIngest

@Suite struct GenericEventsTests {
    private func decode(_ body: String, limits: IngestLimits = IngestLimits()) throws(IngestError) -> [GenericEvent] {
        try GenericEvents.decode(utf8Bytes(body), now: ingestNow, limits: limits)
    }

    @Test func decodesOneObject() throws {
        let events = try decode(genericEventBody)
        #expect(events.count == 1)
        let e = events[0]
        #expect(e.title == "Deploy failed")
        #expect(e.severity == .error)
        #expect(e.source == "ci")
        #expect(e.labels == ["service": "api"])
        #expect(e.annotations == ["url": "https://ci/builds/42"])
        #expect(e.time == rfc3339("2024-05-01T12:09:00Z"))
        #expect(!e.resolved)
        let alert = e.asAlert()
        #expect(alert.labels["alertname"] == "Deploy failed")
        #expect(alert.source == "event")
    }

    @Test func decodesAList() throws {
        let events = try decode(#"[{"title":"A"},{"title":"B","severity":"critical","status":"resolved"}]"#)
        #expect(events.map(\.title) == ["A", "B"])
        #expect(events[1].severity == .critical)
        #expect(events[1].resolved)
    }

    @Test func defaultsAreWarningApiNowFiring() throws {
        let e = try #require(try decode(#"{"title":"Something"}"#).first)
        #expect(e.severity == .warning)
        #expect(e.source == "api")
        #expect(e.time == ingestNow)
        #expect(!e.resolved)
        #expect(e.labels.isEmpty)
    }

    @Test func statusResolvedMarksTheEventResolved() throws {
        let e = try #require(try decode(#"{"title":"X","status":"resolved"}"#).first)
        #expect(e.resolved)
        #expect(e.asAlert().isResolved(at: ingestNow))
    }

    @Test(arguments: [("info", Severity.info), ("WARNING", .warning), ("error", .error), ("critical", .critical),
                      ("high", .error), ("P1", .critical), ("minor", .warning)])
    func acceptsKnownSeverities(text: String, expected: Severity) throws {
        #expect(try decode(#"{"title":"X","severity":"\#(text)"}"#).first?.severity == expected)
    }

    @Test func titleIsTrimmed() throws {
        #expect(try decode(#"{"title":"  padded \n"}"#).first?.title == "padded")
    }

    @Test func emptyListIsFine() throws {
        #expect(try decode("[]").isEmpty)
    }

    // MARK: errors

    @Test func missingTitleIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"severity":"error"}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("title:"), "\(e.message)")
    }

    @Test func missingTitleInAListNamesTheIndex() throws {
        let e = try #require(ingestFailure { try decode(#"[{"title":"ok"},{"severity":"error"}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[1].title:"), "\(e.message)")
    }

    @Test func blankTitleIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"title":"ok"},{"title":"   "}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[1].title:"))
        let one = try #require(ingestFailure { try decode(#"{"title":""}"#) })
        #expect(one.message.hasPrefix("title:"))
    }

    @Test func overlongTitleIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"title":"\#(String(repeating: "t", count: 1025))"}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("title:"))
    }

    @Test(arguments: ["bogus", "sev1", "", "urgent"])
    func badSeverityIs422(text: String) throws {
        let e = try #require(ingestFailure { try decode(#"{"title":"X","severity":"\#(text)"}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("severity:"), "\(e.message)")
    }

    @Test func badStatusIs422() throws {
        let e = try #require(ingestFailure { try decode(#"[{"title":"X","status":"done"}]"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("[0].status:"))
    }

    @Test func wrongTypeIs422WithThePath() throws {
        let e = try #require(ingestFailure { try decode(#"{"title":"X","labels":{"service":1}}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("labels.service:"), "\(e.message)")
        let list = try #require(ingestFailure { try decode(#"[{"title":"X"},{"title":7}]"#) })
        #expect(list.status == 422)
        #expect(list.message.hasPrefix("[1].title:"), "\(list.message)")
    }

    @Test func invalidLabelNameIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"title":"X","labels":{"not ok":"1"}}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("labels:"))
    }

    @Test func badTimeIs422() throws {
        let e = try #require(ingestFailure { try decode(#"{"title":"X","time":"now"}"#) })
        #expect(e.status == 422)
        #expect(e.message.hasPrefix("time:"), "\(e.message)")
    }

    @Test func tooManyEventsIs422() throws {
        let e = try #require(ingestFailure {
            try decode("[" + Array(repeating: #"{"title":"X"}"#, count: 3).joined(separator: ",") + "]",
                       limits: IngestLimits(maxAlertsPerRequest: 2))
        })
        #expect(e.status == 422)
    }

    @Test func scalarBodyIs422() throws {
        let e = try #require(ingestFailure { try decode(#""just a string""#) })
        #expect(e.status == 422)
    }
}
