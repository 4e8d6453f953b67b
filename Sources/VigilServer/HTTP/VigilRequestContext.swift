import Hummingbird
import VigilCore

/// Per-request state: who is calling, once authenticated.
public struct VigilRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }

    /// Fails with 401 when nobody is authenticated and 403 when the role is too low.
    public func require(_ role: Role) throws -> Principal {
        guard let p = principal else { throw HTTPError(.unauthorized, message: "authentication required") }
        guard p.role.allows(role) else {
            throw HTTPError(.forbidden, message: "this action needs the \(role.rawValue) role; the key has \(p.role.rawValue)")
        }
        return p
    }
}
