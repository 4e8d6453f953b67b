import VigilCore

/// Where samples go. `accept` returns once they are durable, so receivers may
/// acknowledge (HTTP 2xx) only after it returns.
public protocol MetricSink: Sendable {
    func accept(_ samples: [MetricSample]) async throws
}

/// Sees every batch of samples after it was committed, in commit order, on the writer's task.
/// This is the hook for online detection: an implementation keeps a `SeriesDetector` per
/// series and records anomalies (the detector branch plugs in here via `Pipeline`).
///
/// ```swift
/// struct Printer: MetricObserver {
///     func observe(_ samples: [MetricSample]) async { for s in samples { print(s.series, s.value) } }
/// }
/// ```
public protocol MetricObserver: Sendable {
    func observe(_ samples: [MetricSample]) async
}
