import Foundation
import VigilCore
import VigilCorrelate

/// What the single writer is asked to do. Every command that changes state
/// goes through it, so correlation state and the store never disagree.
enum PipelineCommand: Sendable {
    case alerts([Alert])
    case incident(IncidentCommand)
    case createSilence(Silence, actor: String)
    case expireSilence(id: String, actor: String)
    case createKey(APIKeyRecord, actor: String)
    case revokeKey(id: String, actor: String)

    var alertCount: Int {
        if case .alerts(let a) = self { return a.count }
        return 0
    }
}

/// What a command produced.
enum PipelineOutcome: Sendable {
    case accepted(Int)
    case incident(Incident)
    case silence(Silence)
    case key(APIKeyRecord)
}

/// Why a command failed; the HTTP layer maps these to statuses.
enum PipelineError: Error, Sendable, CustomStringConvertible {
    case notFound(String)
    case conflict(String)
    case invalid(String)
    case unavailable(String)

    var description: String {
        switch self {
        case .notFound(let m), .conflict(let m), .invalid(let m), .unavailable(let m): m
        }
    }
}
