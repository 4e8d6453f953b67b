import Foundation
import Testing
import VigilCore
import VigilTesting

@Suite struct SilenceTests {
    let t0 = Fixtures.epoch

    private func silence(_ matchers: String, start: TimeInterval = 0, end: TimeInterval = 3600,
                         createdBy: String = "ana") throws -> Silence {
        Silence(id: "s1", matchers: try Matcher.parseList(matchers), startsAt: t0.addingTimeInterval(start),
                endsAt: t0.addingTimeInterval(end), createdBy: createdBy, comment: "", createdAt: t0)
    }

    @Test func stateIsPendingActiveExpiredAtTheBoundaries() throws {
        let s = try silence("a=1", start: 100, end: 200)
        #expect(s.state(at: t0) == .pending)
        #expect(s.state(at: t0.addingTimeInterval(99.999)) == .pending)
        #expect(s.state(at: t0.addingTimeInterval(100)) == .active)
        #expect(s.state(at: t0.addingTimeInterval(199.999)) == .active)
        #expect(s.state(at: t0.addingTimeInterval(200)) == .expired)
        #expect(s.state(at: t0.addingTimeInterval(10_000)) == .expired)
    }

    @Test func mutesOnlyWhileActiveAndOnlyWhenAllMatchersMatch() throws {
        let s = try silence(#"{service="api", severity=~"warn.*"}"#, start: 100, end: 200)
        let labels = ["service": "api", "severity": "warning", "alertname": "X"]
        #expect(!s.mutes(labels, at: t0))
        #expect(s.mutes(labels, at: t0.addingTimeInterval(150)))
        #expect(!s.mutes(labels, at: t0.addingTimeInterval(200)))
        #expect(!s.mutes(["service": "api", "severity": "critical"], at: t0.addingTimeInterval(150)))
        #expect(!s.mutes(["service": "web", "severity": "warning"], at: t0.addingTimeInterval(150)))
    }

    @Test func validAcceptsAReasonableSilence() throws {
        try silence(#"alertname="DiskFull""#).validate()
        try silence(#"{alertname=~".*", service="api"}"#).validate()
    }

    @Test func validateRejectsEmptyMatchers() throws {
        #expect(throws: MatcherError.self) { try silence("").validate() }
    }

    @Test func validateRejectsEndNotAfterStart() throws {
        #expect(throws: MatcherError.self) { try silence("a=1", start: 100, end: 100).validate() }
        #expect(throws: MatcherError.self) { try silence("a=1", start: 100, end: 50).validate() }
    }

    @Test(arguments: [#"a="""#, #"a=~".*""#, #"a!="x""#, #"a!~".+""#, #"{a=~".*", b="", c!="z"}"#])
    func validateRejectsMatchersThatAllMatchTheEmptyString(matchers: String) throws {
        #expect(throws: MatcherError.self) { try silence(matchers).validate() }
    }

    @Test func validateRejectsEmptyCreatedBy() throws {
        #expect(throws: MatcherError.self) { try silence("a=1", createdBy: "").validate() }
        #expect(throws: MatcherError.self) { try silence("a=1", createdBy: "   ").validate() }
    }

    @Test func fixtureSilenceIsActiveForItsDuration() throws {
        let s = try Fixtures.silence("service=api", from: t0, for: 60)
        #expect(s.mutes(["service": "api"], at: t0.addingTimeInterval(59)))
        #expect(!s.mutes(["service": "api"], at: t0.addingTimeInterval(60)))
    }
}
