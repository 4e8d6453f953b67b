import Foundation
import Testing
import VigilCore
import VigilIngest

/// What every decoder answers for bytes that are not a JSON document: 400.
@Suite struct MalformedBodyTests {
    typealias Decode = @Sendable ([UInt8]) throws(IngestError) -> Int

    static let decoders: [(String, Decode)] = [
        ("webhook", { b throws(IngestError) in try AlertmanagerWebhook.decode(b, now: ingestNow, limits: IngestLimits()).count }),
        ("v2", { b throws(IngestError) in try AlertmanagerAPIv2.decode(b, now: ingestNow, limits: IngestLimits()).count }),
        ("events", { b throws(IngestError) in try GenericEvents.decode(b, now: ingestNow, limits: IngestLimits()).count }),
    ]

    static let validBodies = [alertmanagerWebhookBody, prometheusV2Body, genericEventBody]

    @Test func validBodiesDecode() throws {
        for ((name, decode), body) in zip(Self.decoders, Self.validBodies) {
            #expect(try decode(utf8Bytes(body)) >= 1, "\(name)")
        }
    }

    @Test func truncatedJSONIs400() throws {
        for ((name, decode), body) in zip(Self.decoders, Self.validBodies) {
            for cut in [1, body.utf8.count / 3, body.utf8.count / 2, body.utf8.count - 1] {
                let e = try #require(ingestFailure { try decode(Array(utf8Bytes(body).prefix(cut))) }, "\(name) cut at \(cut)")
                #expect(e.status == 400, "\(name) cut at \(cut): \(e)")
            }
        }
    }

    @Test func invalidUTF8Is400() throws {
        for ((name, decode), body) in zip(Self.decoders, Self.validBodies) {
            var b = utf8Bytes(body)
            b.insert(contentsOf: [0xC3, 0x28], at: b.count / 2) // invalid two-byte sequence
            let e = try #require(ingestFailure { try decode(b) }, "\(name)")
            #expect(e.status == 400, "\(name)")
            #expect(e.message.contains("UTF-8"))
            let lone = try #require(ingestFailure { try decode([0xFF, 0xFE, 0x7B, 0x7D]) })
            #expect(lone.status == 400)
        }
    }

    @Test func emptyBodyIs400() throws {
        for (name, decode) in Self.decoders {
            for body in [[], utf8Bytes("   "), utf8Bytes("\n\t\r\n ")] {
                let e = try #require(ingestFailure { try decode(body) }, "\(name)")
                #expect(e.status == 400, "\(name)")
                #expect(e.message.contains("empty"))
            }
        }
    }

    @Test(arguments: ["{", "[", "{\"alerts\": [", "nul", "{\"a\" 1}", "[1,]x", "}{", "'single'", "{\"a\":1}}"])
    func notJSONIs400(text: String) throws {
        for (name, decode) in Self.decoders {
            let e = try #require(ingestFailure { try decode(utf8Bytes(text)) }, "\(name) \(text)")
            #expect(e.status == 400, "\(name) \(text): \(e)")
        }
    }

    @Test func deeplyNestedJSONIsRefusedNotACrash() throws {
        for (name, decode) in Self.decoders {
            let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            let e = try #require(ingestFailure { try decode(utf8Bytes(deep)) }, "\(name)")
            #expect([400, 422].contains(e.status), "\(name): \(e)")
        }
    }

    @Test func errorMessagesDoNotEchoTheWholeBody() throws {
        let secret = String(repeating: "s", count: 5000)
        for (name, decode) in Self.decoders {
            let e = try #require(ingestFailure { try decode(utf8Bytes(#"{"version":"\#(secret)","alerts":5,"title":5}"#)) }, "\(name)")
            #expect(e.message.utf8.count < 500, "\(name): \(e.message.prefix(100))")
        }
    }
}
