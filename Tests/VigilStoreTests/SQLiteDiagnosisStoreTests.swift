import Foundation
import Logging
import Testing
import VigilCore
@testable import VigilStore

@Suite struct SQLiteDiagnosisStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func changesAreNumberedFilteredAndNewestFirst() async throws {
        try await withTempStore { store, _ in
            let events = [
                ChangeEvent(time: t0, service: "api", kind: .deploy, description: "v1 → v2"),
                ChangeEvent(time: t0.addingTimeInterval(60), service: "db", kind: .config, description: "pool 10 → 5"),
                ChangeEvent(time: t0.addingTimeInterval(120), service: "api", kind: .scale, description: "2 → 4"),
            ]
            let stored = try await store.recordChanges(events, source: "ci", at: t0.addingTimeInterval(200))
            #expect(stored.map(\.id) == [1, 2, 3])
            let all = try await store.changes(since: nil, until: nil, service: nil, limit: 10)
            #expect(all.map(\.event.description) == ["2 → 4", "pool 10 → 5", "v1 → v2"])
            #expect(all.allSatisfy { $0.source == "ci" })
            let api = try await store.changes(since: t0.addingTimeInterval(1), until: nil, service: "api", limit: 10)
            #expect(api.map(\.event.kind) == [.scale])
            #expect(try await store.changes(since: nil, until: t0.addingTimeInterval(60), service: nil, limit: 10).count == 1)
        }
    }

    @Test func theLatestDiagnosisReplacesTheLastAndSurvivesReopening() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-diag-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let evidence = DiagnosisEvidence(id: "A1", kind: .alert, component: "db", causes: [.diskFull],
                                         onset: t0, strength: 0.9, summary: "DiskFull")
        let first = Diagnosis(hypotheses: [Hypothesis(component: "db", cause: .diskFull, confidence: 0.6,
                                                      explanation: "disk", evidence: ["A1"])],
                              evidence: [evidence], onset: t0)
        var second = first
        second.author = .model("local/smollm2")
        var store = try await SQLiteStore.open(path: dir + "/v.db", logger: .init(label: "t"))
        #expect(try await store.diagnosis(incidentID: "i1") == nil)
        try await store.saveDiagnosis(StoredDiagnosis(incidentID: "i1", diagnosis: first, createdAt: t0, alertCount: 1,
                                                      trigger: "opened", durationMs: 3))
        try await store.saveDiagnosis(StoredDiagnosis(incidentID: "i1", diagnosis: second, createdAt: t0.addingTimeInterval(60),
                                                      alertCount: 4, trigger: "grew", durationMs: 5))
        try await store.close()
        store = try await SQLiteStore.open(path: dir + "/v.db", logger: .init(label: "t"))
        let back = try #require(try await store.diagnosis(incidentID: "i1"))
        #expect(back.alertCount == 4 && back.trigger == "grew")
        #expect(back.diagnosis == second)
        #expect(back.diagnosis.author == .model("local/smollm2"))
        try await store.close()
    }

    @Test func logCountsOfAWindowComeWithTheirTemplates() async throws {
        try await withTempStore { store, _ in
            let minute = Int64(t0.timeIntervalSince1970 / 60)
            try await store.writeLogs { tx in
                try await tx.upsertLogTemplates([
                    StoredLogTemplate(id: 1, template: "connection refused to <*>", count: 9, firstSeen: t0, lastSeen: t0,
                                      level: "error", examples: ["connection refused to db:5432"]),
                    StoredLogTemplate(id: 2, template: "GET <*> 200", count: 100, firstSeen: t0, lastSeen: t0, level: "info",
                                      examples: []),
                ])
                try await tx.addLogCounts([
                    LogTemplateCount(templateID: 1, service: "api", minute: minute, count: 9),
                    LogTemplateCount(templateID: 2, service: "api", minute: minute, count: 60),
                    LogTemplateCount(templateID: 2, service: "api", minute: minute + 10, count: 40),
                ])
            }
            let w = try await store.logCounts(start: t0, end: t0.addingTimeInterval(300), limit: 100)
            #expect(w.counts.map(\.count) == [60, 9], "inside the window, largest first")
            #expect(w.templates[1]?.examples == ["connection refused to db:5432"])
            #expect(Set(w.templates.keys) == [1, 2])
            #expect(try await store.logCounts(start: t0, end: t0.addingTimeInterval(3600), limit: 1).counts.map(\.count) == [60])
        }
    }
}
