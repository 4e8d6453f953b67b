import Foundation
import Hummingbird
import VigilCore
import VigilIngest
import Prometheus

/// Signals in: Alertmanager's webhook, Alertmanager's API v2, generic events.
/// A 2xx is sent only after the alerts are committed.
struct IngestRoutes {
    let api: APIContext

    func register(on group: RouterGroup<VigilRequestContext>, v2: RouterGroup<VigilRequestContext>) {
        group.post("alerts/alertmanager") { request, _ in
            try await ingest(request) { try AlertmanagerWebhook.decode($0, now: $1, limits: $2) }
        }
        v2.post("alerts") { request, _ in
            try await ingest(request) { try AlertmanagerAPIv2.decode($0, now: $1, limits: $2) }
        }
        group.post("events") { request, _ in
            try await ingest(request) { try GenericEvents.decode($0, now: $1, limits: $2).map { $0.asAlert() } }
        }
    }

    struct Accepted: Encodable { var accepted: Int }

    private func ingest(_ request: Request,
                        decode: ([UInt8], Date, IngestLimits) throws -> [Alert]) async throws -> Response {
        var request = request
        let alerts: [Alert]
        do {
            let bytes = try await request.bytes(limit: api.limits.maxBodyBytes)
            alerts = try decode(bytes, api.clock.now(), api.limits)
        } catch let e as IngestError {
            api.metrics.alertsRejected.increment()
            throw HTTPError(.init(code: e.status), message: e.message)
        } catch {
            api.metrics.alertsRejected.increment()
            throw error
        }
        guard !alerts.isEmpty else { return try JSONResponse.make(Accepted(accepted: 0)) }
        guard case .accepted(let n) = try await api.submit(.alerts(alerts)) else {
            throw HTTPError(.internalServerError, message: "unexpected pipeline outcome")
        }
        return try JSONResponse.make(Accepted(accepted: n))
    }
}
