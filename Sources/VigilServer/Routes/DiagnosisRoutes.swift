import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilIngest

/// Change events in, diagnoses out:
/// `POST /api/v1/changes` (answered after commit), `GET /api/v1/changes`,
/// `POST /api/v1/incidents/{id}/analyze`, `GET /api/v1/incidents/{id}/diagnosis`.
struct DiagnosisRoutes {
    let store: any DiagnosisStore
    let analyzer: IncidentAnalyzer
    let clock: any WallClock
    let maxBodyBytes: Int

    struct ChangeDTO: Encodable {
        var id: Int64
        var time: Date
        var service: String
        var kind: String
        var description: String
        var source: String
        var receivedAt: Date

        init(_ c: StoredChangeEvent) {
            id = c.id
            time = c.event.time
            service = c.event.service
            kind = c.event.kind.rawValue
            description = c.event.description
            source = c.source
            receivedAt = c.receivedAt
        }
    }

    func register(ingest v1: RouterGroup<VigilRequestContext>) {
        v1.post("changes") { request, context in
            var request = request
            let body = try await request.bytes(limit: maxBodyBytes)
            let now = clock.now()
            let events: [ChangeEvent]
            do throws(IngestError) { events = try ChangeEventsJSON.decode(body, now: now) } catch {
                throw HTTPError(.init(code: error.status), message: error.message)
            }
            let stored = try await store.recordChanges(events, source: context.principal?.name ?? "api", at: now)
            return try JSONResponse.make(["accepted": stored.count], status: .created)
        }
    }

    func register(on v1: RouterGroup<VigilRequestContext>) {
        v1.get("changes") { request, context in
            _ = try context.require(.viewer)
            let items = try await store.changes(since: try request.queryTime("since"), until: try request.queryTime("until"),
                                                service: request.uri.queryParameters.get("service"),
                                                limit: try request.queryLimit(default: 100, max: 1000))
            return try JSONResponse.make(["items": items.map(ChangeDTO.init)])
        }

        v1.post("incidents/{id}/analyze") { _, context in
            _ = try context.require(.operator)
            let id = try context.parameters.require("id")
            do {
                return try JSONResponse.make(DiagnosisDTO(try await analyzer.analyze(incidentID: id, trigger: "manual")))
            } catch is IncidentAnalyzer.NotFound {
                throw HTTPError(.notFound, message: "no incident with id '\(id)'")
            }
        }

        v1.get("incidents/{id}/diagnosis") { _, context in
            _ = try context.require(.viewer)
            let id = try context.parameters.require("id")
            guard let stored = try await store.diagnosis(incidentID: id) else {
                throw HTTPError(.notFound, message: "incident '\(id)' has no diagnosis yet (POST /api/v1/incidents/\(id)/analyze)")
            }
            return try JSONResponse.make(DiagnosisDTO(stored))
        }
    }
}

/// A stored diagnosis as the API shows it. `explanation` says who wrote the text: `deterministic` when no
/// language model did (none configured, all down, or its answer was refused), else `model`.
struct DiagnosisDTO: Encodable {
    var incidentId: String
    var createdAt: Date
    var trigger: String
    var durationMs: Double
    var alertCount: Int
    var explanation: String
    var author: String
    /// The model's summary, when a model wrote the text; why the text is deterministic otherwise (if a model was tried).
    var summary: String?
    var explanationNote: String?
    var onset: Date?
    var hypotheses: [Hypothesis]
    var evidence: [DiagnosisEvidence]

    init(_ s: StoredDiagnosis) {
        incidentId = s.incidentID
        createdAt = s.createdAt
        trigger = s.trigger
        durationMs = s.durationMs
        alertCount = s.alertCount
        explanation = s.diagnosis.author == .deterministic ? "deterministic" : "model"
        author = s.diagnosis.author.description
        summary = s.summary
        explanationNote = s.explanationNote
        onset = s.diagnosis.onset
        hypotheses = s.diagnosis.hypotheses
        evidence = s.diagnosis.evidence
    }
}
