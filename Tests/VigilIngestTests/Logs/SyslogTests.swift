import Foundation
import Testing
import VigilCore
@testable import VigilIngest

@Suite struct SyslogTests {
    let now = Date(timeIntervalSince1970: 1_714_564_800) // 2024-05-01T12:00:00Z

    func parse(_ s: String) throws -> LogRecord { try Syslog.parse(Array(s.utf8)[...], now: now, peer: "10.0.0.9") }

    @Test func rfc5424() throws {
        let r = try parse(#"<165>1 2024-05-01T11:59:58.123Z web-1 nginx 4242 ID47 [exampleSDID@32473 iut="3" eventSource="App"] upstream timed out"#)
        #expect(r.service == "nginx")
        #expect(r.host == "web-1")
        #expect(r.level == "info") // 165 % 8 = 5 (notice)
        #expect(r.labels["facility"] == "20")
        #expect(r.labels["pid"] == "4242")
        #expect(r.message == "upstream timed out")
        #expect(r.time == Date(timeIntervalSince1970: 1_714_564_798.123))
        let nil5424 = try parse("<11>1 - - - - - - disk failing")
        #expect(nil5424.level == "error")
        #expect(nil5424.host == "10.0.0.9")
        #expect(nil5424.message == "disk failing")
        #expect(nil5424.time == now)
    }

    @Test func rfc3164() throws {
        let r = try parse("<34>May  1 11:58:00 db-2 postgres[912]: FATAL: too many connections")
        #expect(r.service == "postgres")
        #expect(r.host == "db-2")
        #expect(r.level == "critical") // 34 % 8 = 2
        #expect(r.labels["pid"] == "912")
        #expect(r.message == "FATAL: too many connections")
        #expect(r.time == Date(timeIntervalSince1970: 1_714_564_680))
        let noHost = try parse("<13>Apr 30 23:00:00 cron: job done")
        #expect(noHost.service == "cron")
        #expect(noHost.host == "10.0.0.9")
        let december = try Syslog.parse(Array("<13>Dec 31 23:59:00 h app: x".utf8)[...], now: Date(timeIntervalSince1970: 1_704_067_260))
        #expect(december.time < Date(timeIntervalSince1970: 1_704_067_260)) // read on 2024-01-01: last year
    }

    @Test func rejectsMissingPriorityAndBadUTF8() {
        #expect(throws: Syslog.ParseError.self) { try parse("no priority here") }
        #expect(throws: Syslog.ParseError.self) { try parse("<999>1 - - - - - - x") }
        #expect(throws: Syslog.ParseError.self) { try Syslog.parse([0x3C, 0x31, 0x3E, 0xFF][...], now: now) }
        #expect(throws: Syslog.ParseError.self) { try parse("<13>1 yesterday h a - - - x") }
    }

    @Test func framesOctetCountingAndNewlinesAcrossPartialReads() throws {
        var framer = SyslogFramer(maxFrame: 1024)
        let m1 = "<13>1 - h a - - - first"
        let m2 = "<13>1 - h a - - - second\nwith newline inside"
        let stream = Array("\(m1.utf8.count) \(m1)\(m2.utf8.count) \(m2)<13>third line\n<13>fourth".utf8)
        var frames: [String] = []
        for chunk in stride(from: 0, to: stream.count, by: 7) {
            frames += try framer.feed(stream[chunk..<min(chunk + 7, stream.count)]).map { String(decoding: $0, as: UTF8.self) }
        }
        if let last = framer.finish() { frames.append(String(decoding: last, as: UTF8.self)) }
        #expect(frames == [m1, m2, "<13>third line", "<13>fourth"])
    }

    @Test func oversizedFramesAreRefused() {
        var framer = SyslogFramer(maxFrame: 16)
        #expect(throws: SyslogFramer.Oversized.self) { _ = try framer.feed(Array("99999 x".utf8)) }
        var lf = SyslogFramer(maxFrame: 16)
        #expect(throws: SyslogFramer.Oversized.self) { _ = try lf.feed(Array(String(repeating: "y", count: 40).utf8)) }
    }
}
