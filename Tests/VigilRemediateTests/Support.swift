import Foundation
import VigilCore
import VigilRemediate

/// Small builders shared by the remediation tests.
enum R {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func step(_ executor: ExecutorKind = .ssh, target: String = "{{host}}", action: String = "systemctl restart {{service}}",
                     risk: Risk = .reversible, parameters: [String: String] = [:], playbook: String? = nil) -> PlanStep {
        PlanStep(executor: executor, target: target, action: action, parameters: parameters, risk: risk, playbook: playbook)
    }

    static func runbook(_ name: String, causes: [CauseKind], kinds: [TopologyNode.Kind] = [], labels: [String] = [],
                        logContains: [String] = [], metricNames: [String] = [], steps: [PlanStep]? = nil,
                        verify: VerificationTemplate = VerificationTemplate(alertNames: ["ServiceDown"], matchers: [#"service="{{service}}""#])) -> Runbook {
        Runbook(name: name, description: name,
                match: RunbookMatch(causes: causes, componentKinds: kinds, labels: labels.map { try! Matcher.parse($0) },
                                    logContains: logContains, metricNames: metricNames),
                steps: steps ?? [step()], verify: verify)
    }

    static func plan(steps: [PlanStep], risk: Risk? = nil, confidence: Double = 0.9, cause: CauseKind = .processCrash,
                     runbook: String = "restart", validation: PlanValidation = .passed) -> Plan {
        Plan(id: "plan_1", incidentID: "inc_1", runbook: runbook, component: "api", cause: cause, steps: steps,
             verification: VerificationSpec(alertNames: ["ServiceDown"]), confidence: confidence, validation: validation, createdAt: now)
    }
}
