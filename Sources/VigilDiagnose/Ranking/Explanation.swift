import Foundation
import VigilCore

/// The deterministic explanation: a few sentences built from the cited evidence.
enum Explanation {
    static func text(component: String, cause: CauseKind, state: ComponentState, t0: Date,
                     cited: [DiagnosisEvidence]) -> String {
        var parts: [String] = []
        let since = state.onset.map { " from \($0.clock)" } ?? ""
        if state.anomaly < 0.2 {
            parts.append("\(component): little evidence of trouble; \(cause.rawValue) is a weak guess.")
        } else {
            parts.append("\(component) most likely failed with \(cause.rawValue)\(since); symptoms began around \(t0.clock).")
        }
        if !state.blamers.isEmpty {
            parts.append("Callers naming it in their errors: \(state.blamers.sorted().joined(separator: ", ")).")
        }
        for piece in cited.prefix(3) { parts.append("[\(piece.id)] \(piece.summary)") }
        return parts.joined(separator: " ")
    }
}
