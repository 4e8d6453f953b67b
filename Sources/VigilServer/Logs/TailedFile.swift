import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// One followed file: the open descriptor, what it is (device and inode),
/// the committed offset, and bytes read past it that do not yet end a line.
struct TailedFile: Sendable {
    let source: FileTailer.Source
    let maxLineBytes: Int
    private var fd: Int32 = -1
    private var identity: (device: UInt64, inode: UInt64) = (0, 0)
    /// Byte after the last line handed on and committed.
    private var committed: Int64 = 0
    /// Byte after the last line handed on (committed once the batch is).
    private var handed: Int64 = 0
    private var partial: [UInt8] = []
    private var discarding = false
    private var saved: FileTailer.Position?
    private var warnedMissing = false
    /// A position decided without reading (start at end) that must be saved, so a restart does not skip what comes next.
    private(set) var positionUnsaved = false

    init(source: FileTailer.Source, saved: FileTailer.Position?, maxLineBytes: Int) {
        self.source = source
        self.saved = saved
        self.maxLineBytes = maxLineBytes
    }

    /// Up to `max` complete lines appended since the last call (following rotation and truncation).
    mutating func readLines(max: Int, logger: Logger) -> [String] {
        if fd < 0, !open(logger: logger) { return [] }
        var lines: [String] = []
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        if let now = Self.identity(source.path), now.device == identity.device, now.inode == identity.inode,
           now.size < handed + Int64(partial.count) {
            logger.notice("log file truncated; reading from its start", metadata: ["file.path": "\(source.path)"])
            seek(to: 0)
        }
        while lines.count < max {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                if rotated() {
                    // The old file is drained: its unterminated last line is a line too.
                    if !partial.isEmpty { emit(partial.count, into: &lines) }
                    Glibc.close(fd)
                    fd = -1
                    saved = nil
                    logger.notice("log file rotated; following the new one", metadata: ["file.path": "\(source.path)"])
                    if lines.isEmpty, open(logger: logger) { continue }
                }
                break
            }
            partial.append(contentsOf: buffer[0..<n])
            var start = 0
            while let nl = partial[start...].firstIndex(of: 0x0A) {
                emit(nl - start, from: start, into: &lines, consumed: nl - start + 1)
                start = nl + 1
            }
            partial.removeFirst(start)
            if partial.count > maxLineBytes {
                // An endless line: hand on its first part, drop the rest up to the next newline.
                emit(partial.count, into: &lines)
                discarding = true
            }
        }
        return lines
    }

    /// Marks the lines returned so far as durable; the position to save.
    mutating func commit() -> FileTailer.Position? {
        committed = handed
        positionUnsaved = false
        return FileTailer.Position(device: identity.device, inode: identity.inode, offset: committed)
    }

    /// Forgets lines returned since the last commit so they are read again.
    mutating func rewind() {
        guard fd >= 0 else { return }
        seek(to: committed)
    }

    mutating func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    // MARK: - Helpers

    private mutating func emit(_ length: Int, from start: Int = 0, into lines: inout [String], consumed: Int? = nil) {
        let used = consumed ?? length
        handed += Int64(used)
        if discarding {
            if consumed != nil { discarding = false }
            if consumed == nil { partial.removeAll(keepingCapacity: true) }
            return
        }
        var end = start + min(length, maxLineBytes)
        if end > start, partial[end - 1] == 0x0D { end -= 1 }
        if end > start { lines.append(String(decoding: partial[start..<end], as: UTF8.self)) }
        if consumed == nil { partial.removeAll(keepingCapacity: true) }
    }

    private mutating func open(logger: Logger) -> Bool {
        let d = Glibc.open(source.path, O_RDONLY | O_CLOEXEC)
        guard d >= 0 else {
            if !warnedMissing {
                logger.warning("log file not readable yet; will retry", metadata: ["file.path": "\(source.path)",
                                                                                  "error": "\(String(cString: strerror(errno)))"])
                warnedMissing = true
            }
            return false
        }
        warnedMissing = false
        fd = d
        let st = Self.identity(source.path) ?? (0, 0, 0)
        identity = (st.device, st.inode)
        var start: Int64 = 0
        if let saved {
            if saved.device == st.device, saved.inode == st.inode, saved.offset <= st.size { start = saved.offset }
        } else if source.startAtEnd, !openedOnce {
            start = st.size
            positionUnsaved = start > 0
        }
        openedOnce = true
        seek(to: start)
        committed = start
        return true
    }

    private var openedOnce = false

    private mutating func seek(to offset: Int64) {
        lseek(fd, off_t(offset), SEEK_SET)
        handed = offset
        partial.removeAll(keepingCapacity: true)
        discarding = false
    }

    /// Whether the path now names another file than the one open.
    private func rotated() -> Bool {
        guard let now = Self.identity(source.path) else { return false }
        return now.inode != identity.inode || now.device != identity.device
    }

    /// The device, inode and size of what `path` names now.
    static func identity(_ path: String) -> (device: UInt64, inode: UInt64, size: Int64)? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        func number(_ key: FileAttributeKey) -> UInt64 {
            switch a[key] {
            case let n as UInt64: n
            case let n as Int: UInt64(truncatingIfNeeded: n)
            case let n as UInt32: UInt64(n)
            case let n as Int32: UInt64(truncatingIfNeeded: n)
            case let n as NSNumber: n.uint64Value
            default: 0
            }
        }
        return (number(.deviceIdentifier), number(.systemFileNumber), Int64(truncatingIfNeeded: number(.size)))
    }
}
