import Foundation
import VigilCore

/// The `vigil diagnose` output: `{"hypotheses":[{"component","cause","confidence","evidence":[…]}…]}`,
/// best first, each evidence entry `"<ID> <summary>"`.
public enum DiagnosisJSON {
    struct Output: Encodable {
        struct Row: Encodable {
            var component: String
            var cause: String
            var confidence: Double
            var evidence: [String]
        }
        var hypotheses: [Row]
    }

    public static func encode(_ diagnosis: Diagnosis) -> String {
        let rows = diagnosis.hypotheses.map { h in
            Output.Row(component: h.component, cause: h.cause.rawValue, confidence: h.confidence,
                       evidence: h.evidence.map { id in diagnosis.evidence(id: id).map { "\(id) \($0.summary)" } ?? id })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Output(hypotheses: rows))) ?? Data("{\"hypotheses\":[]}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
