import Testing
import Foundation
import VigilTesting
import VigilCore

/// A second, independently written FNV-1a 64: it builds the whole byte stream
/// first (name, 0xFF, value, 0xFF for each name in byte order) and folds it.
private func referenceFNV1a(_ labels: [(String, String)]) -> UInt64 {
    var stream: [UInt8] = []
    for (name, value) in labels.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }) {
        stream += Array(name.utf8) + [0xFF] + Array(value.utf8) + [0xFF]
    }
    return stream.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { h, b in (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
}

@Suite struct FingerprintTests {
    @Test func emptyLabelSetIsTheFNVOffsetBasis() {
        let fp = Fingerprint(labels: [:])
        #expect(fp.value == 0xcbf2_9ce4_8422_2325)
        #expect(fp.description == "cbf29ce484222325")
    }

    /// Expected values were computed once with this Python (no hashlib):
    /// ```
    /// h = 0xcbf29ce484222325
    /// for k in sorted(labels, key=lambda s: s.encode()):
    ///     for b in k.encode() + b'\xff' + labels[k].encode() + b'\xff':
    ///         h ^= b; h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    /// print('%016x' % h)
    /// ```
    @Test(arguments: [
        (["alertname": "DiskFull", "instance": "db1"], "353eae6a3b60c986"),
        (["alertname": "HighLatency", "service": "api", "severity": "critical"], "6a4f37c34a2d1e4b"),
        (["__name__": "up", "job": "prometheus", "instance": "localhost:9090"], "14a80682733d2f46"),
        (["a": "ü"], "ffd1cb2f240bec9b"),
        (["a": "1"], "d3b971819376d835"),
    ])
    func matchesAlertmanagerValues(labels: [String: String], hex: String) {
        #expect(Fingerprint(labels: labels).description == hex)
    }

    @Test func agreesWithAnIndependentReferenceImplementation() {
        let sets: [[String: String]] = [
            ["alertname": "X"],
            ["b": "2", "a": "1", "c": ""],
            ["Zeta": "z", "alpha": "a", "_under": "u", "Alpha": "A"], // byte order: uppercase before lowercase
            ["job": "node", "instance": "10.0.0.1:9100", "mountpoint": "/var/lib/ünïcode"],
        ]
        for labels in sets {
            #expect(Fingerprint(labels: labels).value == referenceFNV1a(labels.map { ($0.key, $0.value) }), "\(labels)")
        }
    }

    @Test func descriptionIsSixteenLowercaseHexDigits() {
        let samples = [Fingerprint(value: 0), Fingerprint(value: 1), Fingerprint(value: 0xABC),
                       Fingerprint(value: .max), Fingerprint(labels: ["alertname": "DiskFull"])]
        for fp in samples {
            let d = fp.description
            #expect(d.count == 16)
            #expect(d.allSatisfy { "0123456789abcdef".contains($0) }, "\(d)")
        }
        #expect(Fingerprint(value: 1).description == "0000000000000001")
        #expect(Fingerprint(value: .max).description == "ffffffffffffffff")
    }

    @Test func doesNotDependOnDictionaryInsertionOrder() {
        var a: [String: String] = [:]
        for i in 0..<50 { a["l\(i)"] = "v\(i)" }
        var b: [String: String] = [:]
        for i in (0..<50).reversed() { b["l\(i)"] = "v\(i)" }
        #expect(Fingerprint(labels: a) == Fingerprint(labels: b))
    }

    @Test func separatorsKeepNameValueBoundariesApart() {
        // Without the 0xFF separators these two would hash the same bytes.
        #expect(Fingerprint(labels: ["ab": "c"]) != Fingerprint(labels: ["a": "bc"]))
        #expect(Fingerprint(labels: ["a": ""]) != Fingerprint(labels: [:]))
    }

    @Test func hexRoundTripsAndRejectsWhatIsNotSixteenHexDigits() throws {
        let fp = Fingerprint(labels: ["alertname": "DiskFull", "instance": "db1"])
        #expect(Fingerprint(hex: fp.description) == fp)
        #expect(Fingerprint(hex: "353EAE6A3B60C986") == fp)
        #expect(Fingerprint(hex: "353eae6a3b60c98") == nil)
        #expect(Fingerprint(hex: "353eae6a3b60c9860") == nil)
        #expect(Fingerprint(hex: "353eae6a3b60c98g") == nil)
        #expect(Fingerprint(hex: "") == nil)
        // A sign is not a hex digit, even though the integer parser accepts one.
        #expect(Fingerprint(hex: "+00000000000000f") == nil)
        #expect(Fingerprint(hex: "-000000000000000") == nil)
    }

    @Test func codableUsesTheHexString() throws {
        let fp = Fingerprint(value: 0x1234)
        let data = try JSONEncoder().encode([fp])
        #expect(String(decoding: data, as: UTF8.self) == #"["0000000000001234"]"#)
        #expect(try JSONDecoder().decode([Fingerprint].self, from: data) == [fp])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Fingerprint].self, from: Data(#"["xyz"]"#.utf8)) }
    }

    @Test func alertFingerprintIsItsLabelsFingerprint() {
        let alert = Alert(labels: ["alertname": "DiskFull", "instance": "db1"], annotations: ["summary": "ignored"],
                          startsAt: Fixtures.epoch)
        #expect(alert.fingerprint.description == "353eae6a3b60c986")
    }
}
