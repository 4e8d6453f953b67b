import Foundation
import HTTPTypes
import Testing
import VigilConfig
import VigilCore
import VigilExecutors
import VigilRemediate
import VigilTesting

/// The closed loop through the API with a recording Docker executor: an alert opens an incident, the diagnosis
/// proposes a plan from a runbook, the dry run's diff is in the plan, a person (or a policy) approves, the step runs,
/// and the verification window decides between resolved and rolled back + escalated.
@Suite struct PlanRouteTests {
    static let runbook = """
        runbooks:
          - name: restart-api-container
            description: Restart the crashed container.
            match: {causes: [process_crash, dependency_outage, config_error, memory_leak, cpu_saturation, network_partition]}
            steps:
              - executor: docker
                target: "{{hosts}}"
                action: restart
                risk: reversible
                parameters: {container: "{{service}}"}
                timeout: 30s
                rollback: {executor: docker, target: "{{hosts}}", action: start, risk: reversible, parameters: {container: "{{service}}"}}
            verify:
              alerts: [ApiDown]
              matchers: ['service="{{service}}"']
              window: 1s
        """

    static func configure(_ c: inout VigilConfiguration) {
        c.metrics.host.enabled = false
        c.automation.enabled = false
        c.diagnosis.debounce = ConfigDuration(seconds: 1)
        c.topology = TopologySection(services: [.init(name: "api", kind: .app, hosts: ["app-1"])])
    }

    func runbooks() throws -> [Runbook] { try RunbookLoader.parse(Self.runbook, file: "test.yaml") }

    func fire(_ api: API, resolved: Bool = false) async throws {
        var alert: [String: Any] = ["labels": ["alertname": "ApiDown", "service": "api", "severity": "critical"],
                                    "annotations": ["summary": "api: process exited with status 137 (crash)"],
                                    "startsAt": RFC3339.format(Date().addingTimeInterval(-60))]
        if resolved { alert["endsAt"] = RFC3339.format(Date().addingTimeInterval(-1)) }
        #expect(try await api.post("/api/v2/alerts", json: [alert], key: nil).status == 200)
    }

    func waitForPlan(_ api: API, status: String, timeout: Duration = .seconds(20)) async throws -> [String: Any]? {
        var plan: [String: Any]?
        _ = try await eventually(timeout: timeout) {
            plan = try await api.get("/api/v1/plans").items.first
            return plan?["status"] as? String == status
        }
        return plan
    }

    @Test func aPersonApprovesThePlanRunsAndTheIncidentResolvesWhenTheSignalClears() async throws {
        let docker = RecordingExecutor(kind: .docker)
        docker.script(action: "restart", lines: ["app-1/api: running"], diff: "app-1: would restart container api (now exited)")
        try await withServer(Self.configure, runbooks: try runbooks(), executors: ExecutorRegistry([docker])) { api, _ async throws in
            try await fire(api)
            let waiting = try #require(try await waitForPlan(api, status: "awaiting_approval"))
            let id = try #require(waiting["id"] as? String)
            #expect(waiting["runbook"] as? String == "restart-api-container")
            #expect((waiting["dryRunDiff"] as? String)?.contains("would restart container api") == true)
            #expect(docker.calls.map(\.mode) == [.check], "only the dry run before approval")
            #expect(docker.calls.first?.step.parameters["container"] == "api" && docker.calls.first?.step.target == "app-1")

            #expect(try await api.post("/api/v1/plans/\(id)/reject", json: [:] as [String: Any]).status == 422, "a rejection needs a reason")
            let approved = try await api.post("/api/v1/plans/\(id)/approve", json: ["reason": "container crashed, restart it"])
            #expect(approved.status == 200, "\(approved.body)")
            let again = try await api.post("/api/v1/plans/\(id)/approve", json: ["reason": "double click"])
            #expect(again.status == 200, "approving twice changes nothing")

            // The fix works: the alert resolves before the verification window ends.
            _ = try await waitForPlan(api, status: "verifying")
            try await fire(api, resolved: true)
            let done = try #require(try await waitForPlan(api, status: "succeeded"))
            #expect(done["verificationResult"] as? String != nil)
            #expect(docker.calls.filter { $0.mode == .apply }.count == 1)
            let detail = try await api.get("/api/v1/plans/\(id)")
            let log = (detail.json["log"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(log.contains { $0.contains("app-1/api: running") }, "\(log)")
            let approvals = detail.json["approvals"] as? [[String: Any]] ?? []
            #expect(approvals.count == 1 && approvals.first?["reason"] as? String == "container crashed, restart it")
            let incident = try await api.get("/api/v1/incidents/\(done["incidentId"] as? String ?? "")")
            #expect(incident.json["status"] as? String == "resolved", "\(incident.body.prefix(300))")
            #expect(try await api.post("/api/v1/plans/\(id)/reject", json: ["reason": "too late"]).status == 409)
        }
    }

    @Test func aRejectedPlanNeverRuns() async throws {
        let docker = RecordingExecutor(kind: .docker)
        try await withServer(Self.configure, runbooks: try runbooks(), executors: ExecutorRegistry([docker])) { api, _ async throws in
            try await fire(api)
            let id = try #require(try await waitForPlan(api, status: "awaiting_approval")?["id"] as? String)
            let rejected = try await api.post("/api/v1/plans/\(id)/reject", json: ["reason": "restarting would drop sessions"])
            #expect(rejected.json["status"] as? String == "rejected")
            #expect(try await api.post("/api/v1/plans/\(id)/approve", json: [:] as [String: Any]).status == 409)
            try await Task.sleep(for: .milliseconds(500))
            #expect(docker.calls.allSatisfy { $0.mode == .check })
            #expect(try await api.get("/api/v1/plans/nope").status == 404)
        }
    }

    @Test func aFixThatDoesNotClearTheSignalIsRolledBackAndEscalated() async throws {
        let docker = RecordingExecutor(kind: .docker)
        try await withServer({ c in
            Self.configure(&c)
            c.policies = [try! PolicySection.decode("{name: restarts, max_risk: reversible, min_confidence: 0}")]
        }, runbooks: try runbooks(), executors: ExecutorRegistry([docker])) { api, _ async throws in
            try await fire(api)   // never resolves
            let plan = try #require(try await waitForPlan(api, status: "escalated"))
            let history = (plan["history"] as? [[String: Any]] ?? []).compactMap { $0["to"] as? String }
            #expect(history.contains("approved") && history.contains("failed") && history.contains("rolled_back"), "\(history)")
            #expect((plan["history"] as? [[String: Any]])?.contains { $0["actor"] as? String == "policy:restarts" } == true)
            #expect(docker.calls.map(\.step.action) == ["restart", "restart", "start"], "dry run, the fix, its rollback")
            #expect(try await eventually {
                try await !api.get("/api/v1/alerts?alertname=RemediationFailed").items.isEmpty
            })
        }
    }

    @Test func theKillSwitchHoldsApprovedPlansUntilResumed() async throws {
        let docker = RecordingExecutor(kind: .docker)
        try await withServer(Self.configure, runbooks: try runbooks(), executors: ExecutorRegistry([docker])) { api, _ async throws in
            #expect(try await api.post("/api/v1/automation/pause", json: ["reason": "maintenance"]).json["paused"] as? Bool == true)
            let status = try await api.get("/api/v1/automation/status").json
            #expect(status["paused"] as? Bool == true && status["reason"] as? String == "maintenance" && status["by"] != nil)
            try await fire(api)
            let id = try #require(try await waitForPlan(api, status: "awaiting_approval")?["id"] as? String)
            #expect(try await api.post("/api/v1/plans/\(id)/approve", json: [:] as [String: Any]).status == 200)
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await api.get("/api/v1/plans/\(id)").json["status"] as? String == "approved", "paused: nothing starts")
            #expect(try await api.post("/api/v1/automation/resume", json: [:] as [String: Any]).status == 200)
            #expect(try await waitForPlan(api, status: "verifying") != nil || docker.calls.contains { $0.mode == .apply })
        }
    }
}

extension PolicySection {
    /// A policy from its YAML text.
    static func decode(_ yaml: String) throws -> PolicySection {
        let c = try ConfigLoader.parse("policies:\n  - \(yaml)\n", file: "t.yaml", environment: [:])
        return c.policies[0]
    }
}
