import Foundation

/// The incident lifecycle as a pure function: an event in, the new incident
/// and the actions to carry out.
///
/// ```
///   open ──ack──► acknowledged ──all members resolved / resolve──► resolved
///     └───────────all members resolved / resolve──────────────────►   │
///   resolved ──member fires again within the reopen window──► open (reopened)
/// ```
///
/// ```swift
/// let (next, actions) = try IncidentStateMachine.apply(.acknowledge(by: "ana"), to: incident, at: now)
/// ```
public enum IncidentStateMachine {
    public enum Event: Sendable, Hashable {
        case acknowledge(by: String)
        case resolve(by: String)
        case allMembersResolved
        case memberFired
        case startMitigation(by: String)
    }

    public enum Action: Sendable, Hashable {
        case record(IncidentEvent.Kind, actor: String)
        case announceResolved
        case announceReopened
    }

    public struct TransitionError: Error, Sendable, Hashable, CustomStringConvertible {
        public let from: IncidentStatus
        public let event: String
        public var description: String { "cannot \(event) an incident that is \(from.rawValue)" }
    }

    public static func apply(_ event: Event, to incident: Incident, at now: Date) throws(TransitionError) -> (Incident, [Action]) {
        var next = incident
        next.updatedAt = now
        switch (incident.status, event) {
        case (.open, .acknowledge(let who)), (.mitigating, .acknowledge(let who)):
            next.status = .acknowledged
            next.acknowledgedAt = now
            next.acknowledgedBy = who
            return (next, [.record(.acknowledged, actor: who)])
        case (.acknowledged, .acknowledge):
            return (incident, []) // idempotent
        case (.open, .startMitigation(let who)), (.acknowledged, .startMitigation(let who)):
            next.status = .mitigating
            return (next, [.record(.mitigating, actor: who)])
        case (.mitigating, .startMitigation):
            return (incident, [])
        case (let s, .resolve(let who)) where s.isActive:
            next.status = .resolved
            next.resolvedAt = now
            return (next, [.record(.resolved, actor: who), .announceResolved])
        case (.resolved, .resolve):
            return (incident, [])
        case (let s, .allMembersResolved) where s.isActive:
            next.status = .resolved
            next.resolvedAt = now
            return (next, [.record(.resolved, actor: "vigil"), .announceResolved])
        case (.resolved, .allMembersResolved):
            return (incident, [])
        case (.resolved, .memberFired):
            next.status = .open
            next.resolvedAt = nil
            next.acknowledgedAt = nil
            next.acknowledgedBy = nil
            next.reopenCount += 1
            return (next, [.record(.reopened, actor: "vigil"), .announceReopened])
        case (_, .memberFired):
            return (incident, [])
        case (.resolved, .acknowledge), (.resolved, .startMitigation):
            throw TransitionError(from: incident.status, event: "\(event)".components(separatedBy: "(").first ?? "change")
        default:
            throw TransitionError(from: incident.status, event: "\(event)")
        }
    }
}
