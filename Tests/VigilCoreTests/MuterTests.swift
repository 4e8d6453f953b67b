import Foundation
import Testing
import VigilCore
import VigilTesting

@Suite struct InhibitRuleTests {
    let rule: InhibitRule

    init() throws {
        rule = try Fixtures.inhibitRule(source: "severity=critical", target: "severity=warning", equal: ["service"])
    }

    @Test func inhibitsTargetWithSameEqualLabels() {
        #expect(rule.inhibits(source: ["alertname": "Down", "severity": "critical", "service": "api"],
                              target: ["alertname": "Slow", "severity": "warning", "service": "api"]))
    }

    @Test func doesNotInhibitWhenEqualLabelsDiffer() {
        #expect(!rule.inhibits(source: ["alertname": "Down", "severity": "critical", "service": "api"],
                               target: ["alertname": "Slow", "severity": "warning", "service": "web"]))
        #expect(!rule.inhibits(source: ["alertname": "Down", "severity": "critical", "service": "api"],
                               target: ["alertname": "Slow", "severity": "warning"]))
    }

    @Test func equalLabelMissingOnBothSidesCountsAsEqual() {
        #expect(rule.inhibits(source: ["alertname": "Down", "severity": "critical"],
                              target: ["alertname": "Slow", "severity": "warning"]))
    }

    @Test func requiresSourceAndTargetMatchers() {
        #expect(!rule.inhibits(source: ["severity": "warning", "service": "api", "alertname": "A"],
                               target: ["severity": "warning", "service": "api", "alertname": "B"]))
        #expect(!rule.inhibits(source: ["severity": "critical", "service": "api", "alertname": "A"],
                               target: ["severity": "critical", "service": "api", "alertname": "B"]))
        // Direction matters.
        #expect(!rule.inhibits(source: ["severity": "warning", "service": "api"],
                               target: ["severity": "critical", "service": "api"]))
    }

    @Test func anAlertNeverInhibitsItself() throws {
        let broad = InhibitRule(sourceMatchers: [try Matcher.parse("service=api")],
                                targetMatchers: [try Matcher.parse("service=api")], equal: ["service"])
        let labels = ["alertname": "A", "service": "api"]
        #expect(!broad.inhibits(source: labels, target: labels))
        #expect(broad.inhibits(source: labels, target: ["alertname": "B", "service": "api"]))
    }

    @Test func emptyEqualListInhibitsAcrossEverything() throws {
        let r = InhibitRule(sourceMatchers: [try Matcher.parse("alertname=ClusterDown")],
                            targetMatchers: [try Matcher.parse("alertname!=ClusterDown")], equal: [])
        #expect(r.inhibits(source: ["alertname": "ClusterDown"], target: ["alertname": "X", "service": "any"]))
    }
}

@Suite struct MuterTests {
    let now = Fixtures.epoch
    let rule: InhibitRule

    init() throws {
        rule = try Fixtures.inhibitRule(source: "severity=critical", target: "severity=warning", equal: ["service"])
    }

    @Test func silenceMuterListsEveryActiveMatchingSilence() throws {
        let s1 = try Fixtures.silence("service=api", from: now, id: "s1")
        let s2 = try Fixtures.silence("alertname=~Disk.*", from: now, id: "s2")
        let s3 = try Fixtures.silence("service=web", from: now, id: "s3")
        let expired = try Fixtures.silence("service=api", from: now.addingTimeInterval(-7200), for: 60, id: "s4")
        let pending = try Fixtures.silence("service=api", from: now.addingTimeInterval(60), id: "s5")
        let muter = SilenceMuter(silences: [s1, s2, s3, expired, pending])
        let reason = muter.mutes(["alertname": "DiskFull", "service": "api"], at: now)
        #expect(reason.silences == ["s1", "s2"])
        #expect(reason.inhibitors.isEmpty)
        #expect(reason.isMuted)
        #expect(!muter.mutes(["alertname": "Other", "service": "db"], at: now).isMuted)
    }

    @Test func inhibitionMuterNamesTheInhibitingFingerprints() {
        let critical: LabelSet = ["alertname": "Down", "severity": "critical", "service": "api"]
        let otherCritical: LabelSet = ["alertname": "Down", "severity": "critical", "service": "web"]
        let warning: LabelSet = ["alertname": "Slow", "severity": "warning", "service": "api"]
        let muter = InhibitionMuter(rules: [rule], firing: [
            Fingerprint(labels: critical): critical,
            Fingerprint(labels: otherCritical): otherCritical,
        ])
        let reason = muter.mutes(warning, at: now)
        #expect(reason.inhibitors == [Fingerprint(labels: critical)])
        #expect(reason.silences.isEmpty)
        #expect(!muter.mutes(["alertname": "Slow", "severity": "warning", "service": "db"], at: now).isMuted)
        #expect(!muter.mutes(critical, at: now).isMuted)
    }

    @Test func inhibitionMuterWithoutRulesOrSourcesMutesNothing() {
        let critical: LabelSet = ["severity": "critical", "service": "api"]
        #expect(!InhibitionMuter(rules: [], firing: [Fingerprint(labels: critical): critical])
            .mutes(["severity": "warning", "service": "api"], at: now).isMuted)
        #expect(!InhibitionMuter(rules: [rule], firing: [:]).mutes(["severity": "warning", "service": "api"], at: now).isMuted)
    }

    @Test func compositeMuterUnitesReasons() throws {
        let critical: LabelSet = ["alertname": "Down", "severity": "critical", "service": "api"]
        let muter = CompositeMuter([
            SilenceMuter(silences: [try Fixtures.silence("service=api", from: now, id: "sil")]),
            InhibitionMuter(rules: [rule], firing: [Fingerprint(labels: critical): critical]),
        ])
        let reason = muter.mutes(["alertname": "Slow", "severity": "warning", "service": "api"], at: now)
        #expect(reason.silences == ["sil"])
        #expect(reason.inhibitors == [Fingerprint(labels: critical)])
        let onlyInhibited = CompositeMuter([SilenceMuter(silences: []),
                                            InhibitionMuter(rules: [rule], firing: [Fingerprint(labels: critical): critical])])
            .mutes(["alertname": "Slow", "severity": "warning", "service": "api"], at: now)
        #expect(onlyInhibited.isMuted)
        #expect(onlyInhibited.silences.isEmpty)
        #expect(!CompositeMuter([]).mutes(["a": "b"], at: now).isMuted)
    }
}
