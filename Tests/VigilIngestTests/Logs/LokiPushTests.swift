import Foundation
import Testing
import VigilCore
@testable import VigilIngest

@Suite struct LokiPushTests {
    let limits = LogLimits()

    @Test func decodesSnappyProtobufPushRequests() throws {
        let proto = ProtobufWriter.pushRequest([
            (labels: #"{job="api", host="web-1", level="warn"}"#,
             entries: [(seconds: 1_700_000_000, nanos: 500_000_000, line: "GET /health 200"),
                       (seconds: 1_700_000_001, nanos: 0, line: "слишком медленно: 2.3s")]),
            (labels: #"{service_name="db"}"#, entries: [(seconds: 1_700_000_002, nanos: 0, line: "checkpoint complete")]),
        ])
        let records = try LokiPush.decodeProtobuf(ProtobufWriter.snappyLiteral(proto), limits: limits)
        #expect(records.count == 3)
        #expect(records[0].service == "api")
        #expect(records[0].host == "web-1")
        #expect(records[0].level == "warning")
        #expect(records[0].time == Date(timeIntervalSince1970: 1_700_000_000.5))
        #expect(records[1].message == "слишком медленно: 2.3s")
        #expect(records[2].service == "db")
        #expect(records[2].labels["service_name"] == "db")
    }

    @Test func snappyCopiesIncludingOverlaps() throws {
        // "abcd" literal, then copy len 8 offset 4 (overlapping) → "abcdabcdabcd"
        let compressed: [UInt8] = [12, 3 << 2, 0x61, 0x62, 0x63, 0x64, UInt8(((8 - 4) << 2) | 1), 4]
        #expect(try Snappy.decompress(compressed, maxOutput: 100) == Array("abcdabcdabcd".utf8))
        // 2-byte-offset copy of 5 bytes at offset 4: "abcd" + "abcda"
        let two: [UInt8] = [9, 3 << 2, 0x61, 0x62, 0x63, 0x64, UInt8(((5 - 1) << 2) | 2), 4, 0]
        #expect(try Snappy.decompress(two, maxOutput: 100) == Array("abcdabcda".utf8))
    }

    @Test func corruptOrHostileBodiesAreRefused() {
        let proto = ProtobufWriter.pushRequest([(labels: #"{job="a"}"#, entries: [(seconds: 1, nanos: 0, line: "x")])])
        let good = ProtobufWriter.snappyLiteral(proto)
        // Truncated snappy, bad copy offset, declared size over the limit, truncated protobuf, non-UTF-8 line.
        #expect(throws: IngestError.self) { try LokiPush.decodeProtobuf(Array(good.dropLast(3)), limits: limits) }
        #expect(throws: IngestError.self) { try LokiPush.decodeProtobuf([10, 3 << 2, 1, 2, 3, 4, 1, 9], limits: limits) }
        let bomb: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0]
        do { _ = try LokiPush.decodeProtobuf(bomb, limits: limits); Issue.record("bomb accepted") } catch { #expect(error.status == 413) }
        #expect(throws: IngestError.self) { try LokiPush.decodeProtobuf(ProtobufWriter.snappyLiteral(Array(proto.dropLast(2))), limits: limits) }
        var bad = ProtobufWriter()
        var stream = ProtobufWriter()
        stream.field(1, string: #"{job="a"}"#)
        var entry = ProtobufWriter()
        entry.field(2, bytes: [0xC3, 0x28])
        stream.field(2, bytes: entry.bytes)
        bad.field(1, bytes: stream.bytes)
        do { _ = try LokiPush.decodeProtobuf(ProtobufWriter.snappyLiteral(bad.bytes), limits: limits); Issue.record("bad UTF-8 accepted") } catch {
            #expect(error.status == 422)
            #expect(error.message.contains("streams[0].entries[0].line"))
        }
        // Random garbage never crashes.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let junk = (0..<Int.random(in: 0..<64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? LokiPush.decodeProtobuf(junk, limits: limits)
        }
    }

    @Test func decodesJSONPushAndReportsFields() throws {
        let body = #"""
        {"streams":[{"stream":{"app":"shop","instance":"10.0.0.5:80"},
          "values":[["1700000000000000000","order 42 created"],["1700000000500000000","paid",{"trace_id":"abc"}]]}]}
        """#
        let r = try LokiPush.decodeJSON(Array(body.utf8), limits: limits)
        #expect(r.map(\.message) == ["order 42 created", "paid"])
        #expect(r[0].service == "shop")
        #expect(r[0].host == "10.0.0.5:80")
        #expect(r[1].time == Date(timeIntervalSince1970: 1_700_000_000.5))
        do { _ = try LokiPush.decodeJSON(Array(#"{"streams":[{"stream":{},"values":[["soon","x"]]}]}"#.utf8), limits: limits); Issue.record("accepted") } catch {
            #expect(error.status == 422)
            #expect(error.message.contains("streams[0].values[0][0]"))
        }
        #expect(throws: IngestError.self) { try LokiPush.decodeJSON(Array(#"{"streams":[{"values":[["1",5]]}]}"#.utf8), limits: limits) }
        let long = String(repeating: "x", count: 1 << 20)
        do { _ = try LokiPush.decodeJSON(Array(#"{"streams":[{"values":[["1","\#(long)"]]}]}"#.utf8), limits: limits); Issue.record("1 MB line accepted") } catch {
            #expect(error.status == 422)
        }
    }
}
