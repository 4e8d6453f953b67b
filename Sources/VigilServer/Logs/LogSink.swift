import VigilCore

/// Where received log records go. `accept` returns once they are durable,
/// so receivers may acknowledge (HTTP 2xx) only after it returns.
public protocol LogSink: Sendable {
    func accept(_ records: [LogRecord]) async throws
}
