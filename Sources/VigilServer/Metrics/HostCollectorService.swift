import Foundation
import Logging
import ServiceLifecycle
import VigilCore
import VigilIngest

/// Collects this machine's metrics every `interval` and hands them to the metric writer.
public struct HostCollectorService: Service {
    let reader: ProcReader
    let host: String
    let interval: Duration
    let sink: any MetricSink
    let clock: any WallClock
    let logger: Logger

    public init(host: String = ProcessInfo.processInfo.hostName, processes: [String], interval: Duration, sink: any MetricSink,
                clock: any WallClock = SystemClock(), logger: Logger, procRoot: String = "/proc") {
        self.reader = ProcReader(root: procRoot, processes: Set(processes))
        self.host = host
        self.interval = interval
        self.sink = sink
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { await loop() }
    }

    func loop() async {
        var collector = HostCollector(host: host, processes: Array(reader.processes))
        var reported: Set<String> = []
        while !Task.isCancelled {
            let (samples, errors) = collector.collect(reader.snapshot(at: clock.now()))
            for e in errors where reported.insert(e.file).inserted {
                logger.warning("host collector cannot parse a /proc file; it is skipped", metadata: ["error": "\(e)"])
            }
            do { try await sink.accept(samples) } catch is MetricWriterClosed { return } catch {
                logger.warning("host metrics not stored", metadata: ["error": "\(error)"])
            }
            do { try await clock.sleep(for: interval) } catch { return } // cancelled: shutting down
        }
    }
}
