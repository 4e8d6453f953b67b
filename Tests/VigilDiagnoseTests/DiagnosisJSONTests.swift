import Foundation
import Testing
import VigilCore
import VigilDiagnose

@Suite("vigil diagnose output shape")
struct DiagnosisJSONTests {
    @Test("prints hypotheses best first with exactly component, cause, confidence and evidence")
    func shape() throws {
        let diagnosis = Diagnoser().diagnose(RankingTests.failingDatabase().scenario)
        let text = DiagnosisJSON.encode(diagnosis)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Array(object.keys) == ["hypotheses"])
        let rows = try #require(object["hypotheses"] as? [[String: Any]])
        #expect(rows.count == diagnosis.hypotheses.count)
        #expect(rows.count >= 3)
        var previous = 1.0
        for row in rows {
            #expect(Set(row.keys) == ["component", "cause", "confidence", "evidence"])
            let confidence = try #require(row["confidence"] as? Double)
            #expect(confidence >= 0 && confidence <= previous)
            previous = confidence
            let evidence = try #require(row["evidence"] as? [String])
            #expect(!evidence.isEmpty)
            // each entry starts with an ID the diagnosis carries
            for entry in evidence {
                let id = String(entry.prefix { $0 != " " })
                #expect(diagnosis.evidence(id: id) != nil)
            }
        }
        #expect(rows.first?["component"] as? String == "db")
        #expect(Set(rows.compactMap { $0["component"] as? String }).count == rows.count, "one hypothesis per component")
    }

    @Test("an empty diagnosis is still the contract's shape")
    func empty() {
        let text = DiagnosisJSON.encode(Diagnosis(hypotheses: [], evidence: []))
        #expect(text == #"{"hypotheses":[]}"#)
    }
}
