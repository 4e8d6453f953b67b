import Foundation
import Hummingbird
import VigilCore
import VigilCorrelate

/// Incidents and alerts: listing, detail, acknowledge, resolve.
struct IncidentRoutes {
    let api: APIContext

    func register(on group: RouterGroup<VigilRequestContext>) {
        group.get("alerts") { request, context in
            _ = try context.require(.viewer)
            let q = AlertQuery(
                status: try request.query("status") { AlertStatus(rawValue: $0) },
                fingerprint: try request.query("fingerprint") { Fingerprint(hex: $0) },
                alertname: request.uri.queryParameters.get("alertname"),
                service: request.uri.queryParameters.get("service"),
                incidentID: request.uri.queryParameters.get("incident"),
                since: try request.queryTime("since"), until: try request.queryTime("until"),
                limit: try request.queryLimit(default: 100, max: 1000),
                cursor: request.uri.queryParameters.get("cursor"))
            let page = try await page { try await api.store.alerts(q) }
            return try JSONResponse.make(PageDTO(items: page.items.map(AlertDTO.init), nextCursor: page.nextCursor))
        }

        group.get("incidents") { request, context in
            _ = try context.require(.viewer)
            let q = IncidentQuery(
                status: try request.query("status") { IncidentStatus(rawValue: $0) },
                severity: try request.query("severity") { Severity(rawValue: $0) },
                service: request.uri.queryParameters.get("service"),
                since: try request.queryTime("since"), until: try request.queryTime("until"),
                limit: try request.queryLimit(default: 50, max: 500),
                cursor: request.uri.queryParameters.get("cursor"))
            let page = try await page { try await api.store.incidents(q) }
            return try JSONResponse.make(PageDTO(items: page.items.map(IncidentDTO.init), nextCursor: page.nextCursor))
        }

        group.get("incidents/{id}") { _, context in
            _ = try context.require(.viewer)
            let id = try context.parameters.require("id")
            guard let incident = try await api.store.incident(id: id) else {
                throw HTTPError(.notFound, message: "no incident with id '\(id)'")
            }
            let alerts = try await api.store.alerts(AlertQuery(incidentID: id, limit: 1000)).items
            let timeline = try await api.store.timeline(incidentID: id)
            return try JSONResponse.make(IncidentDetailDTO(incident: IncidentDTO(incident), alerts: alerts.map(AlertDTO.init),
                                                           timeline: timeline.map(TimelineDTO.init)))
        }

        group.post("incidents/{id}/acknowledge") { _, context in
            let who = try context.require(.operator)
            return try await command(.acknowledge(incidentID: try context.parameters.require("id"), by: who.name))
        }

        group.post("incidents/{id}/resolve") { _, context in
            let who = try context.require(.operator)
            return try await command(.resolve(incidentID: try context.parameters.require("id"), by: who.name))
        }
    }

    private func command(_ c: IncidentCommand) async throws -> Response {
        guard case .incident(let incident) = try await api.submit(.incident(c)) else {
            throw HTTPError(.internalServerError, message: "unexpected pipeline outcome")
        }
        return try JSONResponse.make(IncidentDTO(incident))
    }

    private func page<T>(_ body: () async throws -> Page<T>) async throws -> Page<T> {
        do { return try await body() } catch is InvalidCursor {
            throw HTTPError(.badRequest, message: "query parameter 'cursor': invalid cursor")
        }
    }
}
