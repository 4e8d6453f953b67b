import Testing
import VigilCore

@Suite struct SeverityTests {
    @Test(arguments: [
        ("critical", Severity.critical), ("CRITICAL", .critical), ("crit", .critical), ("page", .critical),
        ("emergency", .critical), ("emerg", .critical), ("fatal", .critical), ("alert", .critical),
        ("P1", .critical), ("disaster", .critical),
        ("error", .error), ("err", .error), ("High", .error), ("major", .error), ("p2", .error),
        ("warning", .warning), ("Warn", .warning), ("medium", .warning), ("minor", .warning),
        ("average", .warning), ("p3", .warning),
        ("info", .info), ("p4", .info), ("none", .info), ("", .info), ("bogus", .info),
    ])
    func mapsLabelValues(label: String, expected: Severity) {
        #expect(Severity(label: label) == expected)
    }

    @Test func missingLabelIsInfo() {
        #expect(Severity(label: nil) == .info)
    }

    @Test func orderingIsInfoWarningErrorCritical() {
        #expect(Severity.info < .warning)
        #expect(Severity.warning < .error)
        #expect(Severity.error < .critical)
        #expect(!(Severity.critical < .critical))
        #expect([Severity.critical, .info, .error, .warning].sorted() == [.info, .warning, .error, .critical])
        #expect([Severity.warning, .critical, .info].max() == .critical)
    }

    @Test func rawValuesRoundTrip() {
        for s in Severity.allCases { #expect(Severity(label: s.rawValue) == s) }
    }
}
