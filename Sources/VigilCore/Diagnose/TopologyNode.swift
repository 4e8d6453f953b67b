/// One service in the system's topology: where it runs, what it is and what it calls.
public struct TopologyNode: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case app, db, cache, queue, proxy, external
    }

    public var service: String
    public var kind: Kind
    /// Every host (replica) it runs on; for `external` services the public hostname.
    public var hosts: [String]
    /// The services it calls. Failures propagate the other way.
    public var dependsOn: [String]

    public init(service: String, kind: Kind, hosts: [String], dependsOn: [String]) {
        self.service = service
        self.kind = kind
        self.hosts = hosts
        self.dependsOn = dependsOn
    }
}
