import Foundation
import VigilCore

/// One signal read from the window before it gets an evidence ID: which
/// component it points at, which causes it supports and how strongly.
struct Finding: Sendable {
    var kind: DiagnosisEvidence.Kind
    var component: String
    /// Where it was seen, when another service reported it.
    var observedAt: String?
    /// Cause kinds supported, each with a weight in [0, 1] (already times strength).
    var causes: [CauseKind: Double]
    /// How much this says "the component itself is unwell", in [0, 1].
    var symptom: Double
    /// How much this says "callers are failing because of the component", in [0, 1].
    var blame: Double
    var onset: Date?
    var strength: Double
    var summary: String

    init(kind: DiagnosisEvidence.Kind, component: String, observedAt: String? = nil, causes: [CauseKind: Double] = [:],
         symptom: Double = 0, blame: Double = 0, onset: Date?, strength: Double, summary: String) {
        self.kind = kind
        self.component = component
        self.observedAt = observedAt
        self.causes = causes
        self.symptom = symptom
        self.blame = blame
        self.onset = onset
        self.strength = strength
        self.summary = summary
    }
}

/// Times of one kind of event within the window, and how unusual their rate after an onset is.
struct EventTimes: Sendable {
    var times: [Date] = []
    var example: String = ""

    /// Excess count after `onset` over what the rate before it predicts, and when the excess began.
    func surge(onset t0: Date, start: Date, end: Date) -> (excess: Double, expected: Double, count: Int, since: Date?) {
        let cut = t0.addingTimeInterval(-120)
        let before = times.filter { $0 < cut }.count
        let afterTimes = times.filter { $0 >= cut }
        let beforeSpan = max(60, cut.timeIntervalSince(start))
        let afterSpan = max(60, end.timeIntervalSince(cut))
        let expected = Double(before) / beforeSpan * afterSpan
        let excess = Double(afterTimes.count) - expected
        // the first two-minute stretch well above the old rate
        let rate = Double(before) / beforeSpan * 120
        let need = max(2, Int((2 * rate + 1).rounded(.up)))
        var since: Date?
        let early = t0.addingTimeInterval(-900)
        let recent = times.filter { $0 >= early }
        var j = 0
        for i in recent.indices {
            while recent[i].timeIntervalSince(recent[j]) > 120 { j += 1 }
            if i - j + 1 >= need { since = recent[j]; break }
        }
        return (excess, expected, afterTimes.count, since)
    }
}

extension Date {
    /// `HH:mm:ss` in UTC, for summaries.
    var clock: String { String(RFC3339.format(self).dropFirst(11).prefix(8)) }
}
