import Foundation
import Testing
import VigilCore
import VigilRemediate
import VigilTesting

@Suite struct PolicyGateTests {
    let clock = TestClock(now: R.now) // 2023-11-14 22:13:20 UTC, a Tuesday
    let restart = R.step(.ssh, target: "node-1", action: "systemctl restart api")
    var plan: Plan { R.plan(steps: [restart], confidence: 0.9) }
    let policy = Policy(name: "restarts", maxRisk: .reversible, minConfidence: 0.8, cooldown: 900, maxRunsPerHostPerHour: 2,
                        maxBlastRadius: 1)

    private func decide(_ plan: Plan, _ policies: [Policy], history: [PastRun] = [], paused: Bool = false) -> PolicyGate.Decision {
        PolicyGate.decide(plan, policies: policies, history: history, now: clock.now(), paused: paused)
    }

    private func reasons(_ d: PolicyGate.Decision) -> [String] {
        if case .needsHuman(let r) = d { return r }
        return []
    }

    @Test func aPlanInsideEveryLimitIsAutoApprovedByName() {
        #expect(decide(plan, [policy]) == .autoApprove(policy: "restarts"))
    }

    @Test func theKillSwitchAlwaysWins() {
        #expect(decide(plan, [policy], paused: true) == .needsHuman(reasons: ["automation is paused"]))
    }

    @Test func noPolicyOrUnvalidatedPlanNeedsAHuman() {
        #expect(reasons(decide(plan, [])) == ["no self-healing policy is configured"])
        #expect(reasons(decide(R.plan(steps: [restart], validation: .pending), [policy])) == ["the plan has not passed validation"])
    }

    @Test func riskConfidenceAndBlastRadiusLimits() {
        let destructive = R.plan(steps: [R.step(.ssh, target: "node-1", action: "x", risk: .destructive)])
        #expect(reasons(decide(destructive, [policy])) == ["restarts: risk destructive is above reversible"])
        #expect(reasons(decide(R.plan(steps: [restart], confidence: 0.79), [policy])) == ["restarts: confidence 79% is below 80%"])
        let wide = R.plan(steps: [R.step(.ssh, target: "node-1,node-2", action: "x")])
        #expect(reasons(decide(wide, [policy])) == ["restarts: touches 2 hosts, more than 1"])
    }

    @Test func cooldownPerHost() {
        let recent = PastRun(hosts: ["node-1"], startedAt: clock.now().addingTimeInterval(-899))
        #expect(reasons(decide(plan, [policy], history: [recent])).first?.contains("node-1 is in cooldown until") == true)
        let old = PastRun(hosts: ["node-1"], startedAt: clock.now().addingTimeInterval(-900))
        #expect(decide(plan, [policy], history: [old]) == .autoApprove(policy: "restarts"))
        let otherHost = PastRun(hosts: ["node-2"], startedAt: clock.now().addingTimeInterval(-10))
        #expect(decide(plan, [policy], history: [otherHost]) == .autoApprove(policy: "restarts"))
    }

    @Test func runsPerHostPerHour() {
        let noCooldown = Policy(name: "p", cooldown: 0, maxRunsPerHostPerHour: 2)
        let one = [PastRun(hosts: ["node-1"], startedAt: clock.now().addingTimeInterval(-1800))]
        #expect(decide(plan, [noCooldown], history: one) == .autoApprove(policy: "p"))
        let two = one + [PastRun(hosts: ["node-1"], startedAt: clock.now().addingTimeInterval(-60))]
        #expect(reasons(decide(plan, [noCooldown], history: two)) == ["p: node-1 had 2 runs in the last hour (limit 2)"])
        let stale = [PastRun(hosts: ["node-1"], startedAt: clock.now().addingTimeInterval(-3600))] + one
        #expect(decide(plan, [noCooldown], history: stale) == .autoApprove(policy: "p"))
    }

    @Test func timeWindowsWithDaysWrapAndOffset() {
        // 22:13 UTC Tuesday = 01:13 Wednesday at +03:00
        let nightMsk = TimeWindow(days: [2], start: 22 * 60, end: 6 * 60, utcOffset: 3 * 3600)
        #expect(nightMsk.contains(clock.now()), "01:13 Wednesday local belongs to Tuesday's 22:00–06:00 window")
        let tuesdayNightMsk = TimeWindow(days: [2], start: 0, end: 2 * 60, utcOffset: 3 * 3600)
        #expect(!tuesdayNightMsk.contains(clock.now()), "it is Wednesday locally")
        let wedEarly = TimeWindow(days: [3], start: 0, end: 2 * 60, utcOffset: 3 * 3600)
        #expect(wedEarly.contains(clock.now()))
        let tueNightUTC = TimeWindow(days: [2], start: 22 * 60, end: 6 * 60)
        #expect(tueNightUTC.contains(clock.now()))
        #expect(tueNightUTC.contains(clock.now().addingTimeInterval(5 * 3600)), "03:13 Wednesday is still Tuesday's night")
        #expect(!tueNightUTC.contains(clock.now().addingTimeInterval(8 * 3600)))
        let office = Policy(name: "office", windows: [TimeWindow(days: [1, 2, 3, 4, 5], start: 9 * 60, end: 18 * 60)])
        #expect(reasons(decide(plan, [office])) == ["office: outside its time windows"])
        #expect(TimeWindow(days: [], start: 0, end: 0).contains(clock.now()), "start == end is the whole day")
    }

    @Test func firstAllowingPolicyWinsAndFiltersApply() {
        let onlyDisk = Policy(name: "disk", causes: [.diskFull])
        let onlyOther = Policy(name: "other-runbook", runbooks: ["something-else"])
        let d = decide(plan, [onlyDisk, onlyOther, policy])
        #expect(d == .autoApprove(policy: "restarts"))
        let r = reasons(decide(plan, [onlyDisk, onlyOther]))
        #expect(r == ["disk: does not cover cause process_crash", "other-runbook: does not cover runbook restart"])
    }
}
