import Foundation
import VigilCore

extension Fixtures {
    /// An inhibition rule from matcher lists: `inhibitRule(source: "severity=critical", target: "severity=warning", equal: ["service"])`.
    public static func inhibitRule(source: String, target: String, equal: [String]) throws -> InhibitRule {
        InhibitRule(sourceMatchers: try Matcher.parseList(source), targetMatchers: try Matcher.parseList(target), equal: equal)
    }

    /// An incident as the correlator would open it, for state-machine tests.
    public static func incident(id: String = "inc_test", groupKey: String = #"{alertname="X"}"#,
                                severity: Severity = .warning, openedAt: Date = epoch) -> Incident {
        Incident(id: id, title: "X", groupKey: groupKey, groupLabels: ["alertname": "X"], severity: severity, openedAt: openedAt)
    }
}
