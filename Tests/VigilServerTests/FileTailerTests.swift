import Foundation
import Logging
import Synchronization
import Testing
import VigilCore
@testable import VigilServer
import VigilStore

/// Collects what a receiver hands on; can be told to refuse.
final class CollectingSink: LogSink, Sendable {
    private let state = Mutex<(records: [LogRecord], refuse: Bool)>(([], false))
    var messages: [String] { state.withLock { $0.records.map(\.message) } }
    var records: [LogRecord] { state.withLock { $0.records } }
    func refuse(_ on: Bool) { state.withLock { $0.refuse = on } }

    func accept(_ records: [LogRecord]) async throws {
        try state.withLock { s in
            if s.refuse { throw CancellationError() }
            s.records += records
        }
    }
}

@Suite struct FileTailerTests {
    struct Env {
        let dir: String
        let store: SQLiteStore
        var path: String { dir + "/app.log" }

        func append(_ text: String, to p: String? = nil) throws {
            let file = p ?? path
            if !FileManager.default.fileExists(atPath: file) { FileManager.default.createFile(atPath: file, contents: nil) }
            let h = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            try h.seekToEnd()
            try h.write(contentsOf: Data(text.utf8))
            try h.close()
        }
    }

    func withEnv(_ body: (Env) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-tail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try await SQLiteStore.open(path: dir + "/vigil.db", logger: Logger(label: "t"))
        do { try await body(Env(dir: dir, store: store)) } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// Runs a tailer on `env.path` while `body` runs, then stops it.
    func tailing(_ env: Env, sink: CollectingSink, startAtEnd: Bool = false, maxLine: Int = 1 << 20,
                 _ body: () async throws -> Void) async throws {
        let tailer = FileTailer(sources: [.init(path: env.path, service: "app", host: "h1", startAtEnd: startAtEnd)],
                                sink: sink, store: env.store, logger: Logger(label: "t"), pollInterval: .milliseconds(10),
                                maxLineBytes: maxLine)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await tailer.run() }
            try await body()
            group.cancelAll()
        }
    }

    func waitFor(_ sink: CollectingSink, count: Int) async throws {
        let ok = try await eventually(timeout: .seconds(10)) { sink.messages.count >= count }
        #expect(ok, "got \(sink.messages)")
    }

    /// Waits until the saved position is the file's end (a hard stop before that re-reads the last batch).
    func waitForSavedPosition(_ env: Env) async throws {
        let size = (try FileManager.default.attributesOfItem(atPath: env.path)[.size] as? NSNumber)?.int64Value ?? -1
        #expect(try await eventually(timeout: .seconds(10)) {
            guard let bytes = try await env.store.state(key: FileTailer.stateKey(env.path)),
                  let p = try? JSONDecoder().decode(FileTailer.Position.self, from: Data(bytes)) else { return false }
            return p.offset == size
        })
    }

    @Test func followsAppendsAndWaitsForTheEndOfAPartialLine() async throws {
        try await withEnv { env in
            try env.append("one\ntwo\r\nthr")
            let sink = CollectingSink()
            try await tailing(env, sink: sink) {
                try await waitFor(sink, count: 2)
                try await Task.sleep(for: .milliseconds(50))
                #expect(sink.messages == ["one", "two"])
                try env.append("ee\n\nfour\n")
                try await waitFor(sink, count: 4)
            }
            #expect(sink.messages == ["one", "two", "three", "four"], "empty lines are skipped")
            #expect(sink.records.allSatisfy { $0.service == "app" && $0.host == "h1" })
        }
    }

    @Test func followsRotationByRenameWithoutLosingTheOldFilesTail() async throws {
        try await withEnv { env in
            let sink = CollectingSink()
            try await tailing(env, sink: sink) {
                try env.append("a1\na2\n")
                try await waitFor(sink, count: 2)
                try FileManager.default.moveItem(atPath: env.path, toPath: env.path + ".1")
                try env.append("a3\na4-unterminated", to: env.path + ".1")   // written after the rename, before reopening
                try env.append("b1\nb2\n")
                try await waitFor(sink, count: 6)
            }
            #expect(sink.messages == ["a1", "a2", "a3", "a4-unterminated", "b1", "b2"])
        }
    }

    @Test func startsOverWhenTheFileIsTruncated() async throws {
        try await withEnv { env in
            let sink = CollectingSink()
            try await tailing(env, sink: sink) {
                try env.append("old 1\nold 2\nold 3\n")
                try await waitFor(sink, count: 3)
                let h = try FileHandle(forWritingTo: URL(fileURLWithPath: env.path))
                try h.truncate(atOffset: 0)
                try h.close()
                try env.append("new 1\n")
                try await waitFor(sink, count: 4)
            }
            #expect(sink.messages == ["old 1", "old 2", "old 3", "new 1"])
        }
    }

    @Test func aRestartResumesFromTheSavedPositionAndStartAtEndSkipsHistory() async throws {
        try await withEnv { env in
            try env.append("history\n")
            let first = CollectingSink()
            try await tailing(env, sink: first, startAtEnd: true) {
                // The position at the end is saved as soon as the file is opened.
                #expect(try await eventually(timeout: .seconds(10)) {
                    try await env.store.state(key: FileTailer.stateKey(env.path)) != nil
                })
                try env.append("live 1\n")
                try await waitFor(first, count: 1)
                try await waitForSavedPosition(env)
            }
            #expect(first.messages == ["live 1"])
            try env.append("while down\n")
            let second = CollectingSink()
            try await tailing(env, sink: second, startAtEnd: true) {
                try await waitFor(second, count: 1)
                try env.append("live 2\n")
                try await waitFor(second, count: 2)
            }
            #expect(second.messages == ["while down", "live 2"])
        }
    }

    @Test func refusedBatchesAreReadAgainAndEndlessLinesAreCut() async throws {
        try await withEnv { env in
            let sink = CollectingSink()
            sink.refuse(true)
            try env.append("x\n" + String(repeating: "y", count: 300) + "\nz\n")
            try await tailing(env, sink: sink, maxLine: 100) {
                try await Task.sleep(for: .milliseconds(60))
                #expect(sink.messages.isEmpty)
                sink.refuse(false)
                try await waitFor(sink, count: 3)
            }
            #expect(sink.messages == ["x", String(repeating: "y", count: 100), "z"])
        }
    }
}
