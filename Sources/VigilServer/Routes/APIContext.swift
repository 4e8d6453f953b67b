import Foundation
import Hummingbird
import VigilCore
import VigilIngest

/// What route handlers need, passed explicitly (no container).
struct APIContext: Sendable {
    let store: any Store
    let writer: IncidentWriter
    let clock: any WallClock
    let metrics: VigilMetrics
    let limits: IngestLimits

    /// Submits a command and maps pipeline failures to HTTP errors.
    func submit(_ command: PipelineCommand) async throws -> PipelineOutcome {
        do {
            return try await writer.submit(command)
        } catch let e as PipelineError {
            switch e {
            case .notFound(let m): throw HTTPError(.notFound, message: m)
            case .conflict(let m): throw HTTPError(.conflict, message: m)
            case .invalid(let m): throw HTTPError(.unprocessableContent, message: m)
            case .unavailable(let m): throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: m)
            }
        }
    }
}
