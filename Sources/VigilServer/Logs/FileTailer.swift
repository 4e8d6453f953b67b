import Foundation
import Logging
import ServiceLifecycle
import VigilCore

/// Follows log files like `tail -F`: reads what is appended, keeps reading a
/// file renamed away (logrotate) until its end before opening the new one,
/// starts over when a file shrinks (copytruncate), and saves its position
/// after every committed batch so a restart resumes where it stopped.
/// A line may be read twice after a crash (between commit and saving the
/// position), never skipped.
public final class FileTailer: Service, Sendable {
    public struct Source: Sendable, Hashable {
        public var path: String
        public var service: String
        public var host: String
        public var labels: LabelSet
        /// Skip what the file already holds the first time it is seen.
        public var startAtEnd: Bool

        public init(path: String, service: String, host: String = "", labels: LabelSet = [:], startAtEnd: Bool = true) {
            self.path = path
            self.service = service
            self.host = host
            self.labels = labels
            self.startAtEnd = startAtEnd
        }
    }

    /// Where a file was left: its identity and the byte after the last line handed on.
    struct Position: Codable, Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
        var offset: Int64
    }

    let sources: [Source]
    let sink: any LogSink
    let store: any LogStore
    let clock: any WallClock
    let logger: Logger
    let pollInterval: Duration
    let maxLineBytes: Int
    let maxBatchLines: Int

    public init(sources: [Source], sink: any LogSink, store: any LogStore, clock: any WallClock = SystemClock(),
                logger: Logger, pollInterval: Duration = .milliseconds(250), maxLineBytes: Int = 1 << 20,
                maxBatchLines: Int = 5000) {
        self.sources = sources
        self.sink = sink
        self.store = store
        self.clock = clock
        self.logger = logger
        self.pollInterval = pollInterval
        self.maxLineBytes = maxLineBytes
        self.maxBatchLines = maxBatchLines
    }

    static func stateKey(_ path: String) -> String { "file-tail:" + path }

    public func run() async throws {
        var tails: [TailedFile] = []
        for s in sources {
            let saved = try await store.state(key: Self.stateKey(s.path))
                .flatMap { try? JSONDecoder().decode(Position.self, from: Data($0)) }
            tails.append(TailedFile(source: s, saved: saved, maxLineBytes: maxLineBytes))
        }
        logger.info("following log files", metadata: ["files.count": "\(tails.count)"])
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            for i in tails.indices { await pump(&tails[i]) }
            do { try await clock.sleep(for: pollInterval) } catch { break }
        }
        for i in tails.indices { tails[i].close() }
    }

    /// Reads everything new in one file, in batches, handing each on before saving the position.
    func pump(_ tail: inout TailedFile) async {
        while !Task.isCancelled {
            let lines = tail.readLines(max: maxBatchLines, logger: logger)
            guard !lines.isEmpty || tail.positionUnsaved else { return }
            let now = clock.now()
            let s = tail.source
            let records = lines.map { LogRecord(time: now, service: s.service, host: s.host, message: $0, labels: s.labels) }
            do {
                if !records.isEmpty { try await sink.accept(records) }
                if let position = tail.commit() {
                    let bytes = Array(try JSONEncoder().encode(position))
                    try await store.writeLogs { try await $0.saveState(key: Self.stateKey(s.path), value: bytes) }
                }
            } catch {
                logger.warning("file lines not accepted; will read them again",
                               metadata: ["file.path": "\(s.path)", "error": "\(error)"])
                tail.rewind()
                return
            }
        }
    }
}
