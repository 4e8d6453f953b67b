import Testing
import VigilCore
import VigilRemediate

@Suite struct RunbookMatcherTests {
    let generic = R.runbook("restart-anything", causes: [.processCrash, .memoryLeak])
    let forApps = R.runbook("restart-app", causes: [.processCrash], kinds: [.app])
    let segfaults = R.runbook("core-dump-and-restart", causes: [.processCrash], kinds: [.app], logContains: ["Segmentation fault"])
    let restarts = R.runbook("crashloop", causes: [.processCrash], metricNames: ["kube_pod_container_status_restarts*"])

    private func subject(kind: TopologyNode.Kind? = .app, labels: LabelSet = [:], logs: [String] = [], metrics: [String] = [])
        -> RemediationSubject {
        RemediationSubject(component: "api", cause: .processCrash, confidence: 0.8, kind: kind, labels: labels,
                           logTemplates: logs, metricNames: metrics)
    }

    @Test func causePlusKindPlusSignatureBeatsCauseAlone() {
        let m = RunbookMatcher(runbooks: [generic, forApps, segfaults])
        let ranked = m.ranked(for: subject(logs: ["worker <*> exited: segmentation FAULT (core dumped)"]))
        #expect(ranked.map(\.runbook.name) == ["core-dump-and-restart", "restart-app", "restart-anything"])
        #expect(ranked[0].matched == ["cause", "kind", "signature"])
        #expect(ranked.map(\.score) == [7, 3, 1])
    }

    @Test func aStatedSignatureThatIsAbsentExcludesTheRunbook() {
        let m = RunbookMatcher(runbooks: [generic, forApps, segfaults, restarts])
        #expect(m.best(for: subject(logs: ["connection refused"]))?.runbook.name == "restart-app")
        #expect(m.best(for: subject(kind: .db, metrics: ["kube_pod_container_status_restarts_total"]))?.runbook.name == "crashloop")
    }

    @Test func kindMismatchOrUnknownKindExcludes() {
        let m = RunbookMatcher(runbooks: [forApps])
        #expect(m.best(for: subject(kind: .db)) == nil)
        #expect(m.best(for: subject(kind: nil)) == nil)
    }

    @Test func otherCausesNeverMatch() {
        let m = RunbookMatcher(runbooks: [generic, forApps])
        let disk = RemediationSubject(component: "api", cause: .diskFull, confidence: 0.9, kind: .app)
        #expect(m.ranked(for: disk).isEmpty)
    }

    @Test func labelMatchersMustAllHoldAndAddSpecificity() {
        let prod = R.runbook("restart-prod", causes: [.processCrash], labels: [#"env="prod""#, #"team=~"pay.*""#])
        let m = RunbookMatcher(runbooks: [forApps, prod])
        #expect(m.best(for: subject(labels: ["env": "prod", "team": "payments"]))?.runbook.name == "restart-app",
                "kind (+2) and two matchers (+2) tie at 3; the name that sorts first wins")
        let ranked = m.ranked(for: subject(labels: ["env": "prod", "team": "payments"]))
        #expect(ranked.map(\.score) == [3, 3])
        #expect(m.ranked(for: subject(labels: ["env": "dev", "team": "payments"])).map(\.runbook.name) == ["restart-app"])
    }

    @Test func tiesAreDeterministicByName() {
        let a = R.runbook("b-second", causes: [.processCrash])
        let b = R.runbook("a-first", causes: [.processCrash])
        #expect(RunbookMatcher(runbooks: [a, b]).best(for: subject())?.runbook.name == "a-first")
        #expect(RunbookMatcher(runbooks: [b, a]).best(for: subject())?.runbook.name == "a-first")
    }
}
