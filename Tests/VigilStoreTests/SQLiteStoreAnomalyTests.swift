import Foundation
import Testing
import VigilCore
@testable import VigilStore

@Suite struct SQLiteStoreAnomalyTests {
    func anomaly(_ id: String, kind: Anomaly.Kind, service: String, detected: Double) -> Anomaly {
        Anomaly(id: id, source: kind == .metricOutlier ? .metrics : .logs, kind: kind, service: service, host: "h1",
                subject: "template:1", title: "\(kind) on \(service)", score: 0.8, severity: .warning,
                onset: Date(timeIntervalSince1970: detected - 60), detectedAt: Date(timeIntervalSince1970: detected),
                evidence: AnomalyEvidence(template: "a <*> b", templateID: 1, examples: ["a 1 b"], observed: 40, expected: 5,
                                          pValue: 1e-9, details: ["test": "poisson"]))
    }

    @Test func recordsListsFiltersAndClosesAnomalies() async throws {
        try await withTempStore { store, _ in
            try await store.recordAnomalies([
                anomaly("anm_1", kind: .rateSpike, service: "api", detected: 1000),
                anomaly("anm_2", kind: .newTemplate, service: "db", detected: 2000),
                anomaly("anm_3", kind: .metricOutlier, service: "api", detected: 3000),
            ])
            let all = try await store.anomalies(AnomalyQuery())
            #expect(all.map(\.id) == ["anm_3", "anm_2", "anm_1"])
            #expect(all.last == anomaly("anm_1", kind: .rateSpike, service: "api", detected: 1000))
            #expect(try await store.anomalies(AnomalyQuery(source: .logs)).map(\.id) == ["anm_2", "anm_1"])
            #expect(try await store.anomalies(AnomalyQuery(kind: .newTemplate)).map(\.id) == ["anm_2"])
            #expect(try await store.anomalies(AnomalyQuery(service: "api")).map(\.id) == ["anm_3", "anm_1"])
            let window = AnomalyQuery(since: Date(timeIntervalSince1970: 1500), until: Date(timeIntervalSince1970: 3000))
            #expect(try await store.anomalies(window).map(\.id) == ["anm_2"])
            #expect(try await store.anomalies(AnomalyQuery(limit: 1)).count == 1)

            // Recording the same episode again updates it: here it closes.
            var closed = anomaly("anm_1", kind: .rateSpike, service: "api", detected: 1000)
            closed.resolvedAt = Date(timeIntervalSince1970: 1600)
            try await store.recordAnomalies([closed])
            #expect(try await store.anomalies(AnomalyQuery(openOnly: true)).map(\.id) == ["anm_3", "anm_2"])
            #expect(try await store.anomalies(AnomalyQuery(service: "api")).last?.resolvedAt == closed.resolvedAt)
        }
    }
}
