import Foundation
import VigilCore

/// The topology a diagnosis works with: the configured services, plus a node for every other service that
/// alerts (`service`, else `job`), logs or change events name, placed on the hosts its alerts'
/// `instance`/`host` labels give. Inferred nodes are `app`s with no known dependencies.
enum TopologyInference {
    static func nodes(configured: [TopologyNode], alerts: [Alert], logServices: Set<String>,
                      changes: [ChangeEvent]) -> [TopologyNode] {
        var nodes = configured
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() { index[n.service] = i }
        var inferred: [String] = []

        func note(_ service: String, host: String?) {
            guard !service.isEmpty, service != "system" else { return }
            if index[service] == nil {
                index[service] = nodes.count
                nodes.append(TopologyNode(service: service, kind: .app, hosts: [], dependsOn: []))
                inferred.append(service)
            }
            guard let host, !host.isEmpty, let i = index[service], inferred.contains(service),
                  !nodes[i].hosts.contains(host) else { return }
            nodes[i].hosts.append(host)
        }

        for alert in alerts {
            guard let service = alert.labels["service"] ?? alert.labels["job"] else { continue }
            let host = alert.labels["host"] ?? alert.labels["instance"].flatMap { $0.split(separator: ":").first.map(String.init) }
            note(service, host: host)
        }
        for service in logServices.sorted() { note(service, host: nil) }
        for change in changes { note(change.service, host: nil) }
        return nodes
    }
}
