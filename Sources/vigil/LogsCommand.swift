import ArgumentParser
import Foundation
import VigilCore
import VigilDetect

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `vigil logs …`: offline log tools.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Log tools.", subcommands: [Mine.self])

    /// `vigil logs mine --input FILE|- --output OUT.csv [--log-format F] [--content-only]`
    struct Mine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mine log templates; write LineId,EventId,EventTemplate for every input line.",
            discussion: """
                Streams the input (bounded memory). EventId is the final ID of each line's template \
                (merges are resolved), EventTemplate its final text. Without --log-format or \
                --content-only, headers (timestamps, levels, pids, loggers …) are detected and removed \
                before mining; lines that do not match --log-format fall back to detection.
                """)

        @Option(help: "Input log file, or - for standard input.") var input: String
        @Option(help: "Output CSV file, or - for standard output.") var output: String
        @Option(name: .customLong("log-format"),
                help: "logparser-style header format, e.g. '<Date> <Time> <Level> <Component>: <Content>'.")
        var logFormat: String?
        @Flag(name: .customLong("content-only"), help: "Mine each line as it is (no header detection).")
        var contentOnly = false
        @Flag(help: "Print lines, templates and time to standard error when done.")
        var stats = false

        func validate() throws {
            if contentOnly && logFormat != nil {
                throw ValidationError("--content-only and --log-format exclude each other")
            }
        }

        func run() async throws {
            var format: LogFormat?
            if let logFormat {
                do { format = try LogFormat(logFormat) } catch { throw ValidationError("\(error)") }
            }
            let mode: LineMiner.Mode = contentOnly ? .contentOnly : format.map { .format($0) } ?? .detect
            do {
                let started = ContinuousClock.now
                let summary = try LineMiner(mode: mode).run(input: input, output: output)
                if stats {
                    let elapsed = ContinuousClock.now - started
                    let seconds = elapsed.timeInterval
                    FileHandle.standardError.write(Data(
                        "lines \(summary.lines) templates \(summary.templates) seconds \(seconds) lines/s \(Int(Double(summary.lines) / max(seconds, 1e-9)))\n".utf8))
                }
            } catch let error as MineError {
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

struct MineError: Error {
    var message: String
}

/// Pass 1 streams lines through header handling and the miner, spilling each line's
/// template ID (4 bytes) to an unlinked temporary file; pass 2 writes the CSV with every ID
/// resolved through the merges that happened later. Memory: the miner (bounded by its
/// configuration), a 1 MiB read buffer, the longest line, and 4 MiB of IDs.
struct LineMiner {
    enum Mode {
        case detect, contentOnly
        case format(LogFormat)
    }

    let mode: Mode
    static let maxLine = 4 << 20
    static let idChunk = 1 << 20

    /// Lines read and templates live at the end.
    struct Summary {
        var lines: Int
        var templates: Int
    }

    func run(input: String, output: String) throws -> Summary {
        let inFD = input == "-" ? STDIN_FILENO : open(input, O_RDONLY)
        guard inFD >= 0 else { throw MineError(message: "cannot open \(input): \(String(cString: strerror(errno)))") }
        defer { if inFD != STDIN_FILENO { close(inFD) } }
        let outFD = output == "-" ? STDOUT_FILENO : open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard outFD >= 0 else { throw MineError(message: "cannot create \(output): \(String(cString: strerror(errno)))") }
        defer { if outFD != STDOUT_FILENO { close(outFD) } }

        var miner = TemplateMiner()
        let detector = HeaderDetector()
        var ids = IDSpill()
        var aliases: [UInt32: UInt32] = [:]
        var evicted: [UInt32: String] = [:]

        try LineReader.forEachLine(fd: inFD, maxLine: Self.maxLine) { line in
            let message: Range<Int>
            switch mode {
            case .contentOnly: message = 0..<line.count
            case .detect: message = detector.ranges(in: line).message
            case .format(let f): message = f.contentRange(in: line) ?? detector.ranges(in: line).message
            }
            let id = miner.add(bytes: UnsafeBufferPointer(rebasing: line[message]))
            try ids.append(id.rawValue)
            if miner.hasPendingChanges {
                for change in miner.drainChanges() {
                    switch change {
                    case .merged(let absorbed, let survivor): aliases[absorbed.rawValue] = survivor.rawValue
                    case .evicted(let id, let template): evicted[id.rawValue] = template
                    }
                }
            }
        }

        // Pass 2: CSV rows in input order with final IDs and templates.
        var out = OutputBuffer(fd: outFD)
        try out.write("LineId,EventId,EventTemplate\n")
        var rowSuffix: [[UInt8]?] = []   // by raw ID (IDs are a dense counter)
        var lineID = 0
        try ids.forEach { raw in
            lineID += 1
            try out.writeDecimal(lineID)
            let index = Int(raw)
            if index < rowSuffix.count, let suffix = rowSuffix[index] {
                try out.write(bytes: suffix)
                return
            }
            var id = raw
            var steps = 0
            while let next = aliases[id], steps < 1_000 {
                id = next
                steps += 1
            }
            let finalID = miner.resolve(TemplateID(rawValue: id))
            let text = miner.template(for: finalID)?.template ?? evicted[finalID.rawValue] ?? ""
            let suffix = Array(",\(finalID),\(CSV.field(text))\n".utf8)
            if index >= rowSuffix.count { rowSuffix.append(contentsOf: repeatElement(nil, count: index + 1 - rowSuffix.count)) }
            rowSuffix[index] = suffix
            try out.write(bytes: suffix)
        }
        try out.flush()
        return Summary(lines: lineID, templates: miner.templateCount)
    }
}

enum CSV {
    /// RFC 4180: quoted when it contains a comma, quote or line break; quotes doubled.
    static func field(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Reads a file descriptor in 1 MiB chunks and calls `body` with each line (without the
/// line break and a trailing CR). Lines longer than `maxLine` are cut at `maxLine` bytes.
enum LineReader {
    static func forEachLine(fd: Int32, maxLine: Int,
                            _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        var carry: [UInt8] = []
        var skipping = false   // inside an over-long line, after its first maxLine bytes
        func emit(_ line: UnsafeBufferPointer<UInt8>) throws {
            var n = line.count
            if n > 0 && line[n - 1] == 0x0D { n -= 1 }
            try body(UnsafeBufferPointer(rebasing: line[0..<n]))
        }
        while true {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunk) }
            if got < 0 {
                if errno == EINTR { continue }
                throw MineError(message: "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            try buffer.withUnsafeBufferPointer { all in
                let data = UnsafeBufferPointer(rebasing: all[0..<got])
                var start = 0
                while start < data.count {
                    guard let nl = newline(in: data, from: start) else {
                        if !skipping {
                            carry.append(contentsOf: data[start...].prefix(maxLine - carry.count))
                            if carry.count >= maxLine { skipping = true }
                        }
                        return
                    }
                    if carry.isEmpty && !skipping {
                        try emit(UnsafeBufferPointer(rebasing: data[start..<nl]))
                    } else {
                        if !skipping { carry.append(contentsOf: data[start..<nl].prefix(maxLine - carry.count)) }
                        try carry.withUnsafeBufferPointer { try emit($0) }
                        carry.removeAll(keepingCapacity: carry.count <= chunk)
                        skipping = false
                    }
                    start = nl + 1
                }
            }
        }
        if !carry.isEmpty || skipping {
            try carry.withUnsafeBufferPointer { try emit($0) }
        }
    }
}

/// Index of the next `\n` at or after `start` (memchr).
private func newline(in data: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let base = data.baseAddress, start < data.count,
          let hit = memchr(base + start, 0x0A, data.count - start) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
}

/// Template IDs of all lines: in memory up to one chunk, the rest in an unlinked temp file.
struct IDSpill {
    private var chunk: [UInt32] = []
    private var fd: Int32 = -1
    private var spilled = 0

    mutating func append(_ id: UInt32) throws {
        chunk.append(id)
        if chunk.count >= LineMiner.idChunk { try spill() }
    }

    private mutating func spill() throws {
        if fd < 0 {
            let dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
            var template = Array("\(dir)/vigil-mine-XXXXXX".utf8CString)
            fd = template.withUnsafeMutableBufferPointer { p in p.baseAddress.map { mkstemp($0) } ?? -1 }
            guard fd >= 0 else { throw MineError(message: "cannot create a temporary file in \(dir)") }
            template.withUnsafeBufferPointer { p in _ = p.baseAddress.map { unlink($0) } }
        }
        try chunk.withUnsafeBytes { try OutputBuffer.writeAll(fd, $0) }
        spilled += chunk.count
        chunk.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every ID in order.
    func forEach(_ body: (UInt32) throws -> Void) throws {
        if fd >= 0 {
            defer { close(fd) }
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw MineError(message: "cannot rewind the temporary file") }
            var buffer = [UInt32](repeating: 0, count: LineMiner.idChunk)
            var remaining = spilled
            while remaining > 0 {
                let want = min(remaining, buffer.count) * 4
                var got = 0
                while got < want {
                    let n = buffer.withUnsafeMutableBytes { b in b.baseAddress.map { read(fd, $0 + got, want - got) } ?? -1 }
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { throw MineError(message: "cannot read the temporary file") }
                    got += n
                }
                for i in 0..<(want / 4) { try body(buffer[i]) }
                remaining -= want / 4
            }
        }
        for id in chunk { try body(id) }
    }
}

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

/// Buffered writer on a file descriptor.
struct OutputBuffer {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ s: String) throws { try write(bytes: Array(s.utf8)) }

    mutating func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func writeDecimal(_ value: Int) throws {
        var v = value
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            } while v > 0 && count < 20
            buffer.append(contentsOf: d[(20 - count)...])
        }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBytes { try Self.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = systemWrite(fd, base + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw MineError(message: "write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
    }
}
