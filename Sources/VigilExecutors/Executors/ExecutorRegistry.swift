import VigilCore

/// The configured executors, one per kind.
public struct ExecutorRegistry: Sendable {
    private let byKind: [ExecutorKind: any Executor]

    public init(_ executors: [any Executor]) {
        var map: [ExecutorKind: any Executor] = [:]
        for e in executors { map[e.kind] = e }
        byKind = map
    }

    public func executor(for kind: ExecutorKind) -> (any Executor)? { byKind[kind] }
    public var kinds: [ExecutorKind] { byKind.keys.sorted { $0.rawValue < $1.rawValue } }
}
