import Foundation
import Logging
import ServiceLifecycle
import VigilCore
import VigilIngest

/// Scrapes every configured target on its own interval and hands the samples to the metric writer.
public struct ScrapeService: Service {
    public struct Target: Sendable {
        public var name: String
        public var url: String
        public var interval: Duration
        public var timeout: Duration
        public var sampleLimit: Int

        public init(name: String, url: String, interval: Duration, timeout: Duration, sampleLimit: Int = 20_000) {
            self.name = name
            self.url = url
            self.interval = interval
            self.timeout = timeout
            self.sampleLimit = sampleLimit
        }
    }

    let targets: [Target]
    let transport: any HTTPTransport
    let sink: any MetricSink
    let clock: any WallClock
    let logger: Logger

    public init(targets: [Target], transport: any HTTPTransport, sink: any MetricSink, clock: any WallClock = SystemClock(),
                logger: Logger) {
        self.targets = targets
        self.transport = transport
        self.sink = sink
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for target in targets { group.addTask { await loop(target) } }
            }
        }
    }

    func loop(_ target: Target) async {
        let scraper = Scraper(name: target.name, url: target.url, timeout: target.timeout, sampleLimit: target.sampleLimit,
                              transport: transport)
        var rates = CounterRates()
        var wasDown = false
        while !Task.isCancelled {
            let now = clock.now()
            let (samples, error) = await scraper.scrape(at: now, rates: &rates, clock: clock)
            if let error, !wasDown {
                logger.warning("scrape target down", metadata: ["scrape.target": "\(target.name)", "error": "\(error)"])
            } else if error == nil, wasDown {
                logger.info("scrape target up again", metadata: ["scrape.target": "\(target.name)"])
            }
            wasDown = error != nil
            rates.forget(notUpdatedSince: now.addingTimeInterval(-10 * target.interval.timeInterval))
            do { try await sink.accept(samples) } catch is MetricWriterClosed { return } catch {
                logger.warning("scraped samples not stored", metadata: ["scrape.target": "\(target.name)", "error": "\(error)"])
            }
            do { try await clock.sleep(for: target.interval) } catch { return } // cancelled: shutting down
        }
    }
}
