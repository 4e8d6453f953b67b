import Foundation
import Testing
import VigilCore
import VigilIngest
import VigilTesting

/// Property: whatever the bytes, a decoder returns values or throws an `IngestError`
/// with status 400, 413 or 422 — it never crashes, hangs or throws anything else.
@Suite struct DecoderFuzzTests {
    static let allowedStatuses: Set<Int> = [400, 413, 422]
    static let limits = IngestLimits(maxAlertsPerRequest: 50, maxLabelsPerAlert: 20, maxLabelValueBytes: 256)

    /// Decodes and checks what came back; returns the status it failed with, or 0.
    static func run(_ kind: Int, _ body: [UInt8]) -> Int {
        do {
            switch kind {
            case 0:
                let alerts = try AlertmanagerWebhook.decode(body, now: ingestNow, limits: limits)
                for a in alerts { checkAlert(a, source: "alertmanager") }
                for a in alerts {
                    // Firing alerts carry no endsAt; resolved ones end no later than now.
                    if let end = a.endsAt { #expect(end <= ingestNow) }
                }
            case 1:
                let alerts = try AlertmanagerAPIv2.decode(body, now: ingestNow, limits: limits)
                for a in alerts {
                    checkAlert(a, source: "prometheus")
                    if let end = a.endsAt { #expect(end >= a.startsAt) }
                }
            default:
                let events = try GenericEvents.decode(body, now: ingestNow, limits: limits)
                #expect(events.count <= limits.maxAlertsPerRequest)
                for e in events {
                    #expect(!e.title.isEmpty)
                    #expect(e.labels.count <= limits.maxLabelsPerAlert)
                    _ = e.asAlert()
                }
            }
            return 0
        } catch {
            #expect(allowedStatuses.contains(error.status), "\(error)")
            #expect(!error.message.isEmpty)
            return error.status
        }
    }

    static func checkAlert(_ a: Alert, source: String) {
        #expect(!a.labels.isEmpty)
        #expect(a.labels.count <= limits.maxLabelsPerAlert)
        #expect(a.source == source)
        for (name, value) in a.labels {
            #expect(name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } ?? false, "\(name)")
            #expect(value.utf8.count <= limits.maxLabelValueBytes)
        }
    }

    static let validBodies = [alertmanagerWebhookBody, prometheusV2Body,
                              #"[{"title":"A","severity":"p1","labels":{"x":"1"}},{"title":"B","status":"resolved","time":"2024-05-01T12:00:00Z"}]"#]

    static let tokens: [String] = [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-0", "1e999", "-1e-999", "123456789012345678901234567890",
        "\"\"", "\"\\u0000\"", "\"\\uD800\"", "\"\\uDC00\\uD800\"", "\"\\\"", "\\", "\"labels\"", "\"alerts\"", "\"status\"",
        "\"firing\"", "\"resolved\"", "\"startsAt\"", "\"endsAt\"", "\"0001-01-01T00:00:00Z\"", "\"2024-02-30T00:00:00Z\"",
        "\"9999-12-31T23:59:59.999999999+23:59\"", "\"title\"", "\"severity\"", "\"version\"", "\"4\"", "{}", "[]",
        "\u{FEFF}", "\u{0}", " ", "\n", "é", "💥",
    ]

    /// A random element of a non-empty array.
    static func pick<T>(_ items: [T], _ rng: inout SeededRandom) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

    static func mutate(_ body: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var b = body
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !b.isEmpty: b[at] = UInt8.random(in: 0...255, using: &rng)                    // flip a byte
            case 1 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...16, using: &rng)))
            case 2: b.insert(contentsOf: Array(pick(tokens, &rng).utf8), at: at)       // JSON token
            case 3 where !b.isEmpty:                                                                   // duplicate a slice
                let end = min(b.count, at + Int.random(in: 1...64, using: &rng))
                b.insert(contentsOf: b[at..<end], at: Int.random(in: 0...b.count, using: &rng))
            case 4: b = Array(b.prefix(at))                                                            // truncate
            case 5 where !b.isEmpty: b[at] = pick(Array("{}[]\":,".utf8), &rng)        // structural byte
            default: b.insert(UInt8.random(in: 0x80...0xFF, using: &rng), at: at)                      // stray high byte
            }
        }
        return b
    }

    /// Structure-aware: decode the JSON, replace one value by a value of another type, encode again.
    static func retype(_ body: String, using rng: inout SeededRandom) -> [UInt8]? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else { return nil }
        let replacements: [Any] = [NSNull(), 42, -1.5, true, "", "x", [Any](), [String: Any](), ["a": 1], [1, 2],
                                   String(repeating: "v", count: 300), "0001-01-01T00:00:00Z", "not-a-date"]
        func walk(_ v: Any) -> Any {
            if var d = v as? [String: Any], !d.isEmpty {
                let key = pick(d.keys.sorted(), &rng)
                if Bool.random(using: &rng), let inner = d[key] { d[key] = walk(inner) }
                else if Int.random(in: 0..<4, using: &rng) == 0 { d[key] = nil }
                else { d[key] = pick(replacements, &rng) }
                return d
            }
            if var a = v as? [Any], !a.isEmpty {
                let i = Int.random(in: 0..<a.count, using: &rng)
                if Bool.random(using: &rng) { a[i] = walk(a[i]) } else { a[i] = pick(replacements, &rng) }
                return a
            }
            return pick(replacements, &rng)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: walk(root), options: [.fragmentsAllowed]) else { return nil }
        return Array(data)
    }

    @Test(arguments: [0, 1, 2])
    func randomBytesNeverCrash(kind: Int) {
        var rng = SeededRandom(seed: 0xF022 + UInt64(kind))
        var statuses: [Int: Int] = [:]
        for _ in 0..<3000 {
            let n = Int.random(in: 0...256, using: &rng)
            let alphabet = Array("{}[]\":, \n0123456789abcdefnulltrue\\".utf8)
            let body: [UInt8] = (0..<n).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng) : Self.pick(alphabet, &rng)
            }
            statuses[Self.run(kind, body), default: 0] += 1
        }
        #expect(statuses[400, default: 0] > 0, "\(statuses)")
    }

    @Test(arguments: [0, 1, 2])
    func mutatedValidBodiesNeverCrash(kind: Int) {
        var rng = SeededRandom(seed: 0xBEEF + UInt64(kind))
        let valid = Array(Self.validBodies[kind].utf8)
        #expect(Self.run(kind, valid) == 0, "the unmutated body decodes")
        var statuses: [Int: Int] = [:]
        for _ in 0..<3000 {
            statuses[Self.run(kind, Self.mutate(valid, using: &rng)), default: 0] += 1
        }
        #expect(statuses[400, default: 0] > 0, "\(statuses)")
        #expect(statuses[422, default: 0] + statuses[0, default: 0] > 0, "\(statuses)")
    }

    @Test(arguments: [0, 1, 2])
    func retypedValidBodiesAreRefusedWith422OrAccepted(kind: Int) throws {
        var rng = SeededRandom(seed: 0xCAFE + UInt64(kind))
        var statuses: [Int: Int] = [:]
        for _ in 0..<2000 {
            guard let body = Self.retype(Self.validBodies[kind], using: &rng) else { continue }
            let status = Self.run(kind, body)
            // Still well-formed JSON: never 400.
            #expect(status != 400, "\(String(decoding: body, as: UTF8.self).prefix(300))")
            statuses[status, default: 0] += 1
        }
        #expect(statuses[422, default: 0] > 100, "\(statuses)")
    }
}
