import Foundation
import VigilCore

/// Scores every (component, cause kind) pair from the component states and the
/// dependency graph. Callers suffer from their dependencies, so a component
/// loses score when one of its dependencies went wrong first (or at the same
/// time, within clock skew), and gains when its callers went wrong after it.
struct RootCauseRanker: Sendable {
    struct Pair: Sendable {
        var component: String
        var cause: CauseKind
        var score: Double
    }

    /// Onsets closer than this are treated as simultaneous (host clocks disagree by a few seconds).
    var skew: TimeInterval = 45
    var candidates: [CauseKind] = CauseKind.standard + [.networkDelay, .codeException]

    func rank(_ states: [String: ComponentState], graph: ServiceGraph) -> [Pair] {
        let anomalous = states.filter { $0.value.anomaly >= 0.3 }
        let earliest = anomalous.values.compactMap(\.onset).min()
        var pairs: [Pair] = []
        for service in graph.order {
            let s = states[service] ?? ComponentState()
            let root = componentScore(service, s, states: states, anomalous: anomalous, earliest: earliest, graph: graph)
            for cause in candidates where allowed(cause, kind: graph.kind(service)) {
                let score = root + causeScore(cause, s, kind: graph.kind(service))
                pairs.append(Pair(component: service, cause: cause, score: score))
            }
        }
        return pairs.sorted { ($0.score, $1.component, $1.cause) > ($1.score, $0.component, $0.cause) }
    }

    func componentScore(_ service: String, _ s: ComponentState, states: [String: ComponentState],
                        anomalous: [String: ComponentState], earliest: Date?, graph: ServiceGraph) -> Double {
        var score = s.anomaly + 0.6 * s.blame + 0.15 * Double(min(3, s.blamers.count))
        // a dependency that went wrong first (or together) explains this one
        var victim = 0.0
        for (dep, distance) in graph.reach(from: service) {
            guard let d = anomalous[dep] else { continue }
            let first = switch (d.onset, s.onset) {
            case (let a?, let b?): a <= b.addingTimeInterval(skew)
            case (_, nil): true
            case (nil, _): false
            }
            if first { victim = max(victim, d.anomaly * (distance == 1 ? 1 : 0.8)) }
        }
        score -= 0.9 * victim
        // callers that went wrong after it are explained by it
        let callers = graph.reach(from: service, up: true)
        let others = anomalous.keys.filter { $0 != service }
        if !others.isEmpty {
            score += 0.5 * Double(others.filter { callers[$0] != nil }.count) / Double(others.count)
        }
        if let e = earliest, let o = s.onset, s.anomaly >= 0.3, o <= e.addingTimeInterval(skew) { score += 0.3 }
        score += 0.6 * (s.causes.values.max() ?? 0) * s.anomaly
        return score
    }

    func causeScore(_ cause: CauseKind, _ s: ComponentState, kind: TopologyNode.Kind?) -> Double {
        // a signature counts in proportion to how unwell the component is
        var score = 1.2 * (s.causes[cause] ?? 0) * (0.3 + 0.7 * s.anomaly)
        let changed = (s.changes[cause] ?? 0) * min(1, 0.3 + s.anomaly)
        score += changed
        switch cause {
        case .dependencyOutage: score += kind == .external ? 0.5 : -0.5
        case .slowQuery: score += kind == .db ? 0.1 : -0.3
        case .networkDelay, .codeException: score -= 0.15
        case .deployRegression:
            score += changed > 0 ? 0.8 * (s.causes[.codeException] ?? 0) : 0
        case .configError:
            score += changed > 0 ? 0.5 * (s.causes[.codeException] ?? 0) : 0
        default: break
        }
        return score
    }

    /// Third-party APIs outside our control fail as a whole.
    func allowed(_ cause: CauseKind, kind: TopologyNode.Kind?) -> Bool {
        kind != .external || [.dependencyOutage, .certificateExpired, .dnsFailure].contains(cause)
    }
}
