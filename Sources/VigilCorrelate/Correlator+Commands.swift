import Foundation
import VigilCore

extension Correlator {
    /// Carries out a person's command on an incident the correlator tracks.
    public mutating func apply(_ command: IncidentCommand, now: Date) throws(CorrelationError) -> CorrelationChanges {
        var changes = CorrelationChanges()
        let (id, event): (String, IncidentStateMachine.Event) = switch command {
        case .acknowledge(let id, let who): (id, .acknowledge(by: who))
        case .resolve(let id, let who): (id, .resolve(by: who))
        }
        guard var incident = incident(id: id) else { throw .unknownIncident(id) }
        let actions: [IncidentStateMachine.Action]
        do {
            (incident, actions) = try IncidentStateMachine.apply(event, to: incident, at: now)
        } catch {
            throw .invalidTransition(error.description)
        }
        guard !actions.isEmpty else { return changes } // idempotent repeat
        for action in actions {
            switch action {
            case .record(let kind, let actor):
                changes.record(IncidentEvent(incidentID: id, time: now, kind: kind, actor: actor))
            case .announceResolved:
                // Alerts still firing stay attached but no longer count: only a new episode reopens.
                firingMembersClear(id)
                announceResolution(&incident, now: now, into: &changes)
            case .announceReopened:
                break
            }
        }
        store(incident, into: &changes)
        return changes
    }
}
