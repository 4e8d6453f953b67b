import VigilCore

/// The topology as a graph: who calls whom, which hosts run what, and the
/// names by which a log line can point at a service.
struct ServiceGraph: Sendable {
    let nodes: [String: TopologyNode]
    let order: [String]
    let callers: [String: [String]]
    /// Services on each host (by host name, lowercased).
    let servicesOnHost: [String: [String]]
    /// Lowercased names that identify a service in text: its name, and hosts only it runs on.
    let aliases: [(alias: LowerText.Needle, service: String)]

    init(_ topology: [TopologyNode]) {
        var nodes: [String: TopologyNode] = [:]
        var callers: [String: [String]] = [:]
        var onHost: [String: [String]] = [:]
        for node in topology {
            nodes[node.service] = node
            for dep in node.dependsOn { callers[dep, default: []].append(node.service) }
            for host in node.hosts { onHost[host.lowercased(), default: []].append(node.service) }
        }
        self.nodes = nodes
        self.order = topology.map(\.service)
        self.callers = callers
        self.servicesOnHost = onHost
        var aliases: [(String, String)] = topology.map { ($0.service.lowercased(), $0.service) }
        for (host, services) in onHost where services.count == 1 && !aliases.contains(where: { $0.0 == host }) {
            aliases.append((host, services[0]))
        }
        // longest first, so `pg-main-replica` wins over `pg-main`
        self.aliases = aliases.sorted { $0.0.count > $1.0.count }.map { (LowerText.Needle($0.0), $0.1) }
    }

    func kind(_ service: String) -> TopologyNode.Kind? { nodes[service]?.kind }
    func dependencies(_ service: String) -> [String] { nodes[service]?.dependsOn ?? [] }

    /// Every service `service` reaches through `dependsOn`, with its distance.
    func reach(from service: String, up: Bool = false) -> [String: Int] {
        var seen: [String: Int] = [:]
        var frontier = [service]
        var depth = 0
        while !frontier.isEmpty {
            depth += 1
            var next: [String] = []
            for s in frontier {
                for n in (up ? callers[s] ?? [] : dependencies(s)) where seen[n] == nil && n != service {
                    seen[n] = depth
                    next.append(n)
                }
            }
            frontier = next
        }
        return seen
    }

    /// Services a host or `host:port` instance runs.
    func services(onInstance instance: String) -> [String] {
        let host = instance.split(separator: ":").first.map { String($0).lowercased() } ?? instance.lowercased()
        return servicesOnHost[host] ?? []
    }

    /// Services named in a text, other than `except`.
    func mentions(in text: LowerText, except: String) -> [String] {
        var found: [String] = []
        for (alias, service) in aliases where service != except && !found.contains(service) {
            if text.containsWord(alias) { found.append(service) }
        }
        return found
    }

    func mentions(in text: String, except: String) -> [String] { mentions(in: LowerText(text), except: except) }

    /// `word` occurs in `text` not glued to other name characters (letters, digits, `-`, `_`).
    static func containsWord(_ text: String, _ word: String) -> Bool {
        LowerText(text).containsWord(LowerText.Needle(word))
    }
}
