import Foundation
import VigilCore

/// Findings from alerts (flapping and long-standing ones count little) and from the change log.
enum AlertChangeFindings {
    static func alerts(_ alerts: [Alert], onset t0: Date, start: Date, graph: ServiceGraph) -> [Finding] {
        let episodes = Dictionary(grouping: alerts, by: \.fingerprint)
        var out: [Finding] = []
        for (_, group) in episodes.sorted(by: { $0.key < $1.key }) {
            let sorted = group.sorted { $0.startsAt < $1.startsAt }
            let first = sorted[0]
            let owners = owners(of: first.labels, graph: graph)
            guard !owners.isEmpty else { continue }
            let flapping = sorted.count >= 2 && first.startsAt < t0.addingTimeInterval(-300)
            let standing = first.startsAt < max(start, t0.addingTimeInterval(-1200))
            let fresh = sorted.first { $0.startsAt >= t0.addingTimeInterval(-600) }
            let weight = flapping || standing ? 0.1 : (fresh == nil ? 0.2 : 1)
            let text = first.name + " " + (first.annotations["summary"] ?? "")
            var causes: [CauseKind: Double] = [:]
            for cause in Signatures.causes(inName: text) { causes[cause] = 0.5 * weight }
            let severity = first.severity == .critical ? 1.0 : 0.7
            let at = (fresh ?? first).startsAt
            for owner in owners {
                out.append(Finding(kind: .alert, component: owner, causes: causes, symptom: 0.5 * weight * severity,
                                   onset: weight >= 1 ? at : nil, strength: weight,
                                   summary: "\(first.name) on \(owner) firing since \(at.clock)"
                                       + (sorted.count > 1 ? " (\(sorted.count) episodes)" : "")
                                       + (first.annotations["summary"].map { ": \($0)" } ?? "")))
            }
        }
        return out
    }

    static func changes(_ changes: [ChangeEvent], onset t0: Date, graph: ServiceGraph) -> [Finding] {
        var out: [Finding] = []
        for change in changes {
            let lead = t0.timeIntervalSince(change.time)
            guard lead >= -90, lead <= 2700 else { continue }
            let w = exp(-max(0, lead) / 900)
            var owners = graph.nodes[change.service] != nil ? [change.service] : []
            owners += graph.mentions(in: change.description.lowercased(), except: change.service)
            for host in graph.servicesOnHost.keys where ServiceGraph.containsWord(change.description.lowercased(), host) {
                owners += graph.servicesOnHost[host] ?? []
            }
            var causes: [CauseKind: Double] = [:]
            switch change.kind {
            case .deploy: causes[.deployRegression] = w
            case .config: causes[.configError] = w
            case .scale, .infra: break
            }
            for cause in Signatures.causes(inName: change.description) { causes[cause, default: 0] += 0.6 * w }
            for owner in Set(owners).sorted() {
                out.append(Finding(kind: .change, component: owner, causes: causes, onset: change.time, strength: w,
                                   summary: "\(change.kind.rawValue) on \(change.service) at \(change.time.clock): \(change.description)"))
            }
        }
        return out
    }

    static func owners(of labels: LabelSet, graph: ServiceGraph) -> [String] {
        MetricFindings.components(of: labels, graph: graph)
    }
}
