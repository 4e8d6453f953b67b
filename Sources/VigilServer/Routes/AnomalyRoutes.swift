import Foundation
import Hummingbird
import VigilCore

/// `GET /api/v1/anomalies?source=&kind=&service=&since=&until=&open=&limit=` — what the detectors found, newest first.
struct AnomalyRoutes {
    let store: any AnomalyStore

    func register(on v1: RouterGroup<VigilRequestContext>) {
        v1.get("anomalies") { request, context in
            _ = try context.require(.viewer)
            let q = AnomalyQuery(
                source: try request.query("source") { Anomaly.Source(rawValue: $0) },
                kind: try request.query("kind") { Anomaly.Kind(rawValue: $0) },
                service: request.uri.queryParameters.get("service"),
                since: try request.queryTime("since"),
                until: try request.queryTime("until"),
                openOnly: try request.query("open") { Bool($0) } ?? false,
                limit: try request.queryLimit(default: 100, max: 1000))
            return try JSONResponse.make(["items": try await store.anomalies(q)])
        }
    }
}
