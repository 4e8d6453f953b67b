import Foundation
import Testing
import VigilCore
import VigilTesting

@Suite struct IncidentStateMachineTests {
    let t0 = Fixtures.epoch
    var t1: Date { t0.addingTimeInterval(60) }
    var t2: Date { t0.addingTimeInterval(120) }

    private func incident(_ status: IncidentStatus = .open) throws -> Incident {
        var inc = Fixtures.incident(openedAt: t0)
        switch status {
        case .open: break
        case .acknowledged: (inc, _) = try IncidentStateMachine.apply(.acknowledge(by: "ana"), to: inc, at: t0)
        case .mitigating: (inc, _) = try IncidentStateMachine.apply(.startMitigation(by: "ana"), to: inc, at: t0)
        case .resolved: (inc, _) = try IncidentStateMachine.apply(.resolve(by: "ana"), to: inc, at: t0)
        }
        #expect(inc.status == status)
        return inc
    }

    @Test func openToAcknowledged() throws {
        let (next, actions) = try IncidentStateMachine.apply(.acknowledge(by: "ana"), to: try incident(), at: t1)
        #expect(next.status == .acknowledged)
        #expect(next.acknowledgedAt == t1)
        #expect(next.acknowledgedBy == "ana")
        #expect(next.updatedAt == t1)
        #expect(actions == [.record(.acknowledged, actor: "ana")])
    }

    @Test func acknowledgeTwiceIsIdempotentWithNoActions() throws {
        let acked = try incident(.acknowledged)
        let (next, actions) = try IncidentStateMachine.apply(.acknowledge(by: "bob"), to: acked, at: t2)
        #expect(actions.isEmpty)
        #expect(next == acked, "a repeat must not change who acknowledged or when")
        #expect(next.acknowledgedBy == "ana")
    }

    @Test func mitigatingCanBeAcknowledged() throws {
        let (next, actions) = try IncidentStateMachine.apply(.acknowledge(by: "bob"), to: try incident(.mitigating), at: t1)
        #expect(next.status == .acknowledged)
        #expect(actions == [.record(.acknowledged, actor: "bob")])
    }

    @Test func startMitigationFromOpenAndAcknowledged() throws {
        for from in [IncidentStatus.open, .acknowledged] {
            let (next, actions) = try IncidentStateMachine.apply(.startMitigation(by: "ana"), to: try incident(from), at: t1)
            #expect(next.status == .mitigating)
            #expect(actions == [.record(.mitigating, actor: "ana")])
        }
        let m = try incident(.mitigating)
        let (again, actions) = try IncidentStateMachine.apply(.startMitigation(by: "ana"), to: m, at: t2)
        #expect(actions.isEmpty)
        #expect(again == m)
    }

    @Test(arguments: [IncidentStatus.open, .acknowledged, .mitigating])
    func resolveFromEveryActiveState(from: IncidentStatus) throws {
        let (next, actions) = try IncidentStateMachine.apply(.resolve(by: "ana"), to: try incident(from), at: t1)
        #expect(next.status == .resolved)
        #expect(next.resolvedAt == t1)
        #expect(actions == [.record(.resolved, actor: "ana"), .announceResolved])
    }

    @Test(arguments: [IncidentStatus.open, .acknowledged, .mitigating])
    func allMembersResolvedResolvesAsVigil(from: IncidentStatus) throws {
        let (next, actions) = try IncidentStateMachine.apply(.allMembersResolved, to: try incident(from), at: t1)
        #expect(next.status == .resolved)
        #expect(next.resolvedAt == t1)
        #expect(actions == [.record(.resolved, actor: "vigil"), .announceResolved])
    }

    @Test func resolveOrAllMembersResolvedOnResolvedIsIdempotent() throws {
        let resolved = try incident(.resolved)
        for event in [IncidentStateMachine.Event.resolve(by: "bob"), .allMembersResolved] {
            let (next, actions) = try IncidentStateMachine.apply(event, to: resolved, at: t2)
            #expect(actions.isEmpty)
            #expect(next == resolved)
            #expect(next.resolvedAt == t0)
        }
    }

    @Test func memberFiredOnResolvedReopens() throws {
        var resolved = try incident(.acknowledged)
        (resolved, _) = try IncidentStateMachine.apply(.resolve(by: "ana"), to: resolved, at: t1)
        let (next, actions) = try IncidentStateMachine.apply(.memberFired, to: resolved, at: t2)
        #expect(next.status == .open)
        #expect(next.reopenCount == 1)
        #expect(next.resolvedAt == nil)
        #expect(next.acknowledgedAt == nil)
        #expect(next.acknowledgedBy == nil)
        #expect(next.updatedAt == t2)
        #expect(next.openedAt == t0)
        #expect(actions == [.record(.reopened, actor: "vigil"), .announceReopened])

        let (closedAgain, _) = try IncidentStateMachine.apply(.allMembersResolved, to: next, at: t2)
        let (twice, _) = try IncidentStateMachine.apply(.memberFired, to: closedAgain, at: t2)
        #expect(twice.reopenCount == 2)
    }

    @Test(arguments: [IncidentStatus.open, .acknowledged, .mitigating])
    func memberFiredOnActiveDoesNothing(from: IncidentStatus) throws {
        let inc = try incident(from)
        let (next, actions) = try IncidentStateMachine.apply(.memberFired, to: inc, at: t2)
        #expect(actions.isEmpty)
        #expect(next == inc)
    }

    @Test func acknowledgeOrMitigateOnResolvedThrows() throws {
        let resolved = try incident(.resolved)
        #expect(throws: IncidentStateMachine.TransitionError.self) {
            try IncidentStateMachine.apply(.acknowledge(by: "ana"), to: resolved, at: t1)
        }
        #expect(throws: IncidentStateMachine.TransitionError.self) {
            try IncidentStateMachine.apply(.startMitigation(by: "ana"), to: resolved, at: t1)
        }
        do {
            _ = try IncidentStateMachine.apply(.acknowledge(by: "ana"), to: resolved, at: t1)
        } catch {
            #expect(error.from == .resolved)
            #expect(error.description == "cannot acknowledge an incident that is resolved")
        }
    }
}
