import Foundation
import VigilCore

/// `topology:` — the services Vigil should know about, what they are, where they run and what they call.
///
/// ```yaml
/// topology:
///   services:
///     - name: checkout
///       kind: app            # app, db, cache, queue, proxy, external
///       hosts: [web-1, web-2]
///       depends_on: [payments, postgres]
/// ```
///
/// Diagnosis adds what labels imply (`service`, `job`, `instance`, `host`) for services not listed here.
public struct TopologySection: Decodable, Sendable, Hashable {
    public struct Service: Decodable, Sendable, Hashable {
        public var name: String
        public var kind: TopologyNode.Kind = .app
        public var hosts: [String] = []
        public var dependsOn: [String] = []

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, kind, hosts, dependsOn = "depends_on", dependsOnCamel = "dependsOn"
        }

        public init(name: String, kind: TopologyNode.Kind = .app, hosts: [String] = [], dependsOn: [String] = []) {
            self.name = name
            self.kind = kind
            self.hosts = hosts
            self.dependsOn = dependsOn
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decodeIfPresent(TopologyNode.Kind.self, forKey: .kind) ?? kind
            hosts = try c.decodeIfPresent([String].self, forKey: .hosts) ?? []
            dependsOn = try c.decodeIfPresent([String].self, forKey: .dependsOn)
                ?? c.decodeIfPresent([String].self, forKey: .dependsOnCamel) ?? []
        }
    }

    public var services: [Service] = []

    enum CodingKeys: String, CodingKey, CaseIterable { case services }

    public init(services: [Service] = []) { self.services = services }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        services = try c.decodeIfPresent([Service].self, forKey: .services) ?? []
    }

    /// The configured topology as the diagnoser reads it.
    public var nodes: [TopologyNode] {
        services.map { TopologyNode(service: $0.name, kind: $0.kind, hosts: $0.hosts, dependsOn: $0.dependsOn) }
    }

    func validate(file: String) throws(ConfigError) {
        var seen = Set<String>()
        for (i, s) in services.enumerated() {
            let path = "topology.services[\(i)]"
            guard !s.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalid(path: "\(path).name", message: "must not be empty", file: file)
            }
            guard seen.insert(s.name).inserted else {
                throw .invalid(path: "\(path).name", message: "service '\(s.name)' is listed twice", file: file)
            }
        }
        for (i, s) in services.enumerated() {
            for (j, dep) in s.dependsOn.enumerated() {
                guard seen.contains(dep) else {
                    throw .invalid(path: "topology.services[\(i)].depends_on[\(j)]",
                                   message: "unknown service '\(dep)' (list it, with kind: external if it is outside)",
                                   file: file)
                }
                guard dep != s.name else {
                    throw .invalid(path: "topology.services[\(i)].depends_on[\(j)]", message: "a service cannot depend on itself",
                                   file: file)
                }
            }
        }
    }
}

/// `diagnosis:` — when and over what window incidents are analysed.
public struct DiagnosisSection: Decodable, Sendable, Hashable {
    /// Analyse incidents when they open and when they grow.
    public var auto = true
    /// Wait this long after an incident opens or last grew before (re-)analysing it.
    public var debounce = ConfigDuration(seconds: 30)
    /// How far before an incident opened to look for evidence (onsets, changes).
    public var lookback = ConfigDuration(seconds: 30 * 60)
    /// At most this many metric series are read per analysis (those of the incident's components first).
    public var maxSeries = 400

    enum CodingKeys: String, CodingKey, CaseIterable {
        case auto, debounce, lookback, maxSeries = "max_series"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        auto = try c.decodeIfPresent(Bool.self, forKey: .auto) ?? auto
        debounce = try c.decodeIfPresent(ConfigDuration.self, forKey: .debounce) ?? debounce
        lookback = try c.decodeIfPresent(ConfigDuration.self, forKey: .lookback) ?? lookback
        maxSeries = try c.decodeIfPresent(Int.self, forKey: .maxSeries) ?? maxSeries
    }

    func validate(file: String) throws(ConfigError) {
        guard debounce.seconds >= 1 else { throw .invalid(path: "diagnosis.debounce", message: "must be at least 1s", file: file) }
        guard lookback.seconds >= 60 else { throw .invalid(path: "diagnosis.lookback", message: "must be at least 1m", file: file) }
        guard (1...10_000).contains(maxSeries) else {
            throw .invalid(path: "diagnosis.max_series", message: "must be between 1 and 10000", file: file)
        }
    }
}
