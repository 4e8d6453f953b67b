import Foundation
import Testing
import VigilCore
@testable import VigilDiagnose

@Suite("Root-cause ranking on hand-made graphs")
struct RankingTests {
    /// `db` slows down at minute 20; `api` and `web` then log many more errors than it does.
    static func failingDatabase(callerSkew: Double = 0) -> ScenarioFixture {
        var f = ScenarioFixture.chain()
        f.background()
        f.series("http_request_duration_seconds_p99", service: "db", base: 0.05, after: 2.5, change: 20)
        f.series("http_request_duration_seconds_p99", service: "api", base: 0.1, after: 3, change: 20.5)
        f.series("http_request_duration_seconds_p99", service: "web", base: 0.12, after: 3.2, change: 20.5)
        f.log("db", "LOG: duration: 4200.113 ms statement: SELECT * FROM orders WHERE customer_id = $1", from: 20, to: 40, every: 15)
        f.log("api", "ERROR query to db failed: canceling statement due to statement timeout", from: 20.3, to: 40, every: 3,
              skew: callerSkew)
        f.log("web", "ERROR upstream api returned 504 Gateway Timeout", from: 20.4, to: 40, every: 2, skew: callerSkew)
        f.log("web", "ERROR upstream api returned 504 Gateway Timeout", from: 0, to: 20, every: 240)
        return f
    }

    @Test("a failing dependency beats its noisier callers")
    func dependencyBeatsCallers() throws {
        let diagnosis = Diagnoser().diagnose(Self.failingDatabase().scenario)
        let top = try #require(diagnosis.top)
        #expect(top.component == "db")
        #expect(top.cause == .slowQuery)
        #expect(diagnosis.hypotheses.map(\.component).contains("api"))
        #expect(top.confidence > diagnosis.hypotheses[1].confidence)
    }

    @Test("a quiet dependency that went wrong first beats callers whose errors never name it")
    func quietDependencyFirst() throws {
        var f = ScenarioFixture.chain()
        f.background()
        f.series("http_request_duration_seconds_p99", service: "db", base: 0.05, after: 1.5, change: 20)
        f.series("http_request_duration_seconds_p99", service: "api", base: 0.1, after: 2, change: 21)
        f.series("http_requests_error_ratio", service: "api", base: 0.002, after: 0.3, change: 21)
        f.series("http_requests_error_ratio", service: "web", base: 0.002, after: 0.3, change: 21.5)
        f.log("api", "ERROR request failed: internal error", from: 21, to: 40, every: 2)
        f.log("web", "ERROR request failed: internal error", from: 21.5, to: 40, every: 1)
        let diagnosis = Diagnoser().diagnose(f.scenario)
        #expect(diagnosis.top?.component == "db")
        #expect(diagnosis.hypotheses.prefix(3).map(\.component).contains("api"))
    }

    @Test("callers' clocks a few seconds early do not flip the order", arguments: [-8.0, -4.0, 4.0, 8.0])
    func clockSkew(seconds: Double) throws {
        let diagnosis = Diagnoser().diagnose(Self.failingDatabase(callerSkew: seconds).scenario)
        #expect(diagnosis.top?.component == "db")
    }

    @Test("a deploy just before the onset makes the deployed service's regression the answer")
    func deployBeforeOnset() throws {
        var f = ScenarioFixture.chain()
        f.background()
        f.changes.append(ChangeEvent(time: f.at(18), service: "api", kind: .deploy, description: "Deployed api v1.4.2 -> v1.4.3"))
        f.changes.append(ChangeEvent(time: f.at(5), service: "worker", kind: .deploy, description: "Deployed worker v2 -> v3"))
        f.series("http_requests_error_ratio", service: "api", base: 0.002, after: 0.2, change: 19)
        f.log("api", "ERROR TypeError: Cannot read properties of undefined (reading 'id')", from: 19, to: 40, every: 3)
        f.log("web", "ERROR upstream api returned 500", from: 19.2, to: 40, every: 3)
        let top = try #require(Diagnoser().diagnose(f.scenario).top)
        #expect(top.component == "api")
        #expect(top.cause == .deployRegression)

        // the same symptoms without the deploy: not a deploy regression
        f.changes.removeAll { $0.service == "api" }
        let without = try #require(Diagnoser().diagnose(f.scenario).top)
        #expect(without.component == "api")
        #expect(without.cause != .deployRegression)
    }

    @Test("a caller's resolver errors point at the service whose name fails")
    func dnsPointsAtNamedService() throws {
        var f = ScenarioFixture.chain()
        f.background()
        f.log("api", "ERROR could not translate host name \"db.internal\" to address: Name or service not known",
              from: 22, to: 40, every: 4)
        f.log("worker", "ERROR getaddrinfo ENOTFOUND db", from: 22, to: 40, every: 5)
        f.log("web", "ERROR upstream api returned 503", from: 22.2, to: 40, every: 2)
        let top = try #require(Diagnoser().diagnose(f.scenario).top)
        #expect(top.component == "db")
        #expect(top.cause == .dnsFailure)
    }

    @Test("no evidence gives low confidence")
    func noEvidenceLowConfidence() throws {
        var f = ScenarioFixture.chain()
        f.background()
        let diagnosis = Diagnoser().diagnose(f.scenario)
        let top = try #require(diagnosis.top)
        #expect(top.confidence < 0.3)
        #expect(diagnosis.hypotheses.allSatisfy { $0.confidence >= 0 && $0.confidence <= 1 })
    }

    @Test("every cited evidence ID is carried by the diagnosis")
    func evidenceIDsResolve() {
        let diagnosis = Diagnoser().diagnose(Self.failingDatabase().scenario)
        let ids = Set(diagnosis.evidence.map(\.id))
        #expect(ids.count == diagnosis.evidence.count)
        for h in diagnosis.hypotheses {
            #expect(!h.evidence.isEmpty)
            #expect(h.evidence.allSatisfy(ids.contains))
        }
        #expect(diagnosis.author == .deterministic)
    }
}
