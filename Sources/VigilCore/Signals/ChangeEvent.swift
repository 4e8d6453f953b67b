import Foundation

/// A change made to the system: a deploy, a configuration change, scaling or
/// infrastructure work. Diagnosis weighs changes shortly before an incident's onset.
public struct ChangeEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case deploy, config, scale, infra
    }

    public var time: Date
    public var service: String
    public var kind: Kind
    public var description: String

    public init(time: Date, service: String, kind: Kind, description: String) {
        self.time = time
        self.service = service
        self.kind = kind
        self.description = description
    }
}
