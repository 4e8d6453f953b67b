import Foundation
import Testing
import VigilCore
import VigilTesting

@Suite struct GenericEventTests {
    let t = Fixtures.epoch

    @Test func becomesAnAlertNamedAfterItsTitle() {
        let e = GenericEvent(title: "Deploy failed", severity: .error, source: "ci", labels: ["service": "api"],
                             annotations: ["url": "https://ci/1"], time: t)
        let a = e.asAlert()
        #expect(a.labels == ["alertname": "Deploy failed", "severity": "error", "source": "ci", "service": "api"])
        #expect(a.annotations == ["url": "https://ci/1"])
        #expect(a.startsAt == t)
        #expect(a.endsAt == nil)
        #expect(a.source == "event")
        #expect(a.name == "Deploy failed")
        #expect(a.severity == .error)
    }

    @Test func explicitLabelsWinOverDerivedOnes() {
        let e = GenericEvent(title: "T", severity: .info, source: "ci",
                             labels: ["alertname": "Custom", "severity": "critical", "source": "jenkins"], time: t)
        let a = e.asAlert()
        #expect(a.labels["alertname"] == "Custom")
        #expect(a.labels["severity"] == "critical")
        #expect(a.labels["source"] == "jenkins")
        #expect(a.severity == .critical)
    }

    @Test func resolvedEventEndsAtItsTime() {
        let a = GenericEvent(title: "T", severity: .warning, source: "ci", time: t, resolved: true).asAlert()
        #expect(a.endsAt == t)
        #expect(a.isResolved(at: t))
        #expect(!a.isResolved(at: t.addingTimeInterval(-1)))
    }

    @Test func sameEventTwiceHasTheSameFingerprint() {
        let a = GenericEvent(title: "T", severity: .warning, source: "ci", time: t).asAlert()
        let b = GenericEvent(title: "T", severity: .warning, source: "ci", time: t.addingTimeInterval(60),
                             resolved: true).asAlert()
        #expect(a.fingerprint == b.fingerprint)
        let c = GenericEvent(title: "T", severity: .error, source: "ci", time: t).asAlert()
        #expect(a.fingerprint != c.fingerprint)
    }

    @Test func alertIsResolvedOnlyOnceEndsAtPassed() {
        let a = Fixtures.alert("X", endsAt: t.addingTimeInterval(10))
        #expect(!a.isResolved(at: t))
        #expect(a.isResolved(at: t.addingTimeInterval(10)))
        #expect(!Fixtures.alert("Y").isResolved(at: .distantFuture))
    }
}
