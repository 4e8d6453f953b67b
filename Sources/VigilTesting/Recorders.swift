import Foundation
import Synchronization
import VigilCore

/// A notifier that records what it was asked to send and fails on demand.
public final class RecordingNotifier: Notifier, Sendable {
    public let name: String
    private let state = Mutex<(sent: [IncidentNotification], failures: [NotifyError])>(([], []))

    public init(name: String = "recorder") { self.name = name }

    public var sent: [IncidentNotification] { state.withLock { $0.sent } }

    /// The next calls fail with these errors, in order.
    public func failNext(_ errors: [NotifyError]) { state.withLock { $0.failures += errors } }

    public func notify(_ n: IncidentNotification) async throws(NotifyError) {
        let failure: NotifyError? = state.withLock { s in
            if !s.failures.isEmpty { return s.failures.removeFirst() }
            s.sent.append(n)
            return nil
        }
        if let failure { throw failure }
    }
}

/// An HTTP transport that records requests and answers from a script.
public final class RecordingTransport: HTTPTransport, Sendable {
    private let state = Mutex<(requests: [HTTPRequestSpec], responses: [Result<HTTPResponseSpec, TransportFailure>])>(([], []))

    public struct TransportFailure: Error, Sendable { public init() {} }

    public init() {}

    public var requests: [HTTPRequestSpec] { state.withLock { $0.requests } }

    /// Queues answers; when none are queued the transport answers 200.
    public func enqueue(_ r: Result<HTTPResponseSpec, TransportFailure>) { state.withLock { $0.responses.append(r) } }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec {
        let r: Result<HTTPResponseSpec, TransportFailure> = state.withLock { s in
            s.requests.append(request)
            return s.responses.isEmpty ? .success(HTTPResponseSpec(status: 200)) : s.responses.removeFirst()
        }
        return try r.get()
    }
}
