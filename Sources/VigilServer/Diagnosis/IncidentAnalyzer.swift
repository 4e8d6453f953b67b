import Foundation
import Logging
import VigilCore
import VigilDiagnose

/// Diagnoses one incident: collects its evidence from the store, ranks root causes deterministically,
/// lets a language model rewrite the explanation when one is configured, and stores the result.
///
/// ```swift
/// let stored = try await analyzer.analyze(incidentID: "inc-42", trigger: "manual")
/// stored.diagnosis.top?.component
/// ```
struct IncidentAnalyzer: Sendable {
    /// What a language model made of a deterministic diagnosis: the diagnosis with its text (unchanged on failure),
    /// the model's summary, and why the deterministic text stands when it does.
    struct Explained: Sendable {
        var diagnosis: Diagnosis
        var summary: String?
        var note: String?
    }
    /// Rewrites a deterministic diagnosis's text (and may re-rank its hypotheses); returns it unchanged on failure.
    typealias Explainer = @Sendable (Diagnosis, Incident) async -> Explained

    let store: any EvidenceCollector.Stores
    let collector: EvidenceCollector
    let clock: any WallClock
    let logger: Logger
    let metrics: VigilMetrics
    var explainer: Explainer?
    /// Called with every stored diagnosis (the planner proposes a fix from it).
    var afterAnalysis: (@Sendable (Incident, Diagnosis) async -> Void)?

    struct NotFound: Error {}

    func analyze(incidentID: String, trigger: String) async throws -> StoredDiagnosis {
        guard let incident = try await store.incident(id: incidentID) else { throw NotFound() }
        return try await analyze(incident, trigger: trigger)
    }

    func analyze(_ incident: Incident, trigger: String) async throws -> StoredDiagnosis {
        let started = ContinuousClock.now
        let scenario = try await collector.scenario(for: incident, now: clock.now())
        var diagnosis = Diagnoser().diagnose(scenario)
        var explained: Explained?
        if let explainer, !diagnosis.hypotheses.isEmpty {
            explained = await explainer(diagnosis, incident)
            diagnosis = explained?.diagnosis ?? diagnosis
        }
        let elapsed = ContinuousClock.now - started
        var stored = StoredDiagnosis(incidentID: incident.id, diagnosis: diagnosis, createdAt: clock.now(),
                                     alertCount: incident.alertCount, trigger: trigger,
                                     durationMs: (elapsed.timeInterval * 1000 * 10).rounded() / 10)
        stored.summary = explained?.summary
        stored.explanationNote = explained?.note
        try await store.saveDiagnosis(stored)
        metrics.diagnosis(trigger: trigger, author: diagnosis.author, duration: elapsed)
        logger.info("incident analysed", metadata: [
            "diagnosis.incident": "\(incident.id)", "diagnosis.trigger": "\(trigger)",
            "diagnosis.top": "\(diagnosis.top.map { "\($0.component)/\($0.cause.rawValue)" } ?? "none")",
            "diagnosis.confidence": "\(diagnosis.top?.confidence ?? 0)", "diagnosis.author": "\(diagnosis.author)",
            "diagnosis.evidence": "\(diagnosis.evidence.count)", "diagnosis.alerts": "\(scenario.alerts.count)",
            "diagnosis.series": "\(scenario.metrics.count)", "diagnosis.ms": "\(stored.durationMs)",
        ])
        await afterAnalysis?(incident, diagnosis)
        return stored
    }
}
