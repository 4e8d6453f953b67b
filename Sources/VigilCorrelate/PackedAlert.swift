import Foundation
import VigilCore

/// A tracked alert as the correlator keeps it in memory: the fixed fields as
/// they are, and every string of the alert (labels, annotations, generator
/// URL, source) in one length-prefixed byte buffer. One allocation instead of
/// two dictionaries and a dozen strings: about a third of the memory of a
/// `StoredAlert` (measured: 100k alerts, see bench/results/ingest.md).
struct PackedAlert: Sendable {
    var id: Int64?
    var status: AlertStatus
    var startsAt: Date
    var endsAt: Date?
    var receivedAt: Date
    var updatedAt: Date
    var incidentID: String?
    var silencedBy: [String]
    var inhibitedBy: [Fingerprint]
    private var strings: [UInt8]

    init(_ a: StoredAlert) {
        id = a.id
        status = a.status
        startsAt = a.alert.startsAt
        endsAt = a.alert.endsAt
        receivedAt = a.receivedAt
        updatedAt = a.updatedAt
        incidentID = a.incidentID
        silencedBy = a.silencedBy
        inhibitedBy = a.inhibitedBy
        var out: [UInt8] = []
        var size = 16 + a.alert.source.utf8.count + (a.alert.generatorURL?.utf8.count ?? 0)
        for (k, v) in a.alert.labels { size += k.utf8.count + v.utf8.count + 4 }
        for (k, v) in a.alert.annotations { size += k.utf8.count + v.utf8.count + 4 }
        out.reserveCapacity(size)
        Self.put(a.alert.labels, into: &out)
        Self.put(a.alert.annotations, into: &out)
        Self.put(a.alert.source, into: &out)
        if let url = a.alert.generatorURL {
            out.append(1)
            Self.put(url, into: &out)
        } else {
            out.append(0)
        }
        strings = out
    }

    /// The full value again.
    func unpack(_ fingerprint: Fingerprint) -> StoredAlert {
        var pos = 0
        let labels = Self.labelSet(strings, &pos)
        let annotations = Self.labelSet(strings, &pos)
        let source = Self.string(strings, &pos)
        let hasURL = strings[pos] == 1
        pos += 1
        let url = hasURL ? Self.string(strings, &pos) : nil
        let alert = Alert(labels: labels, annotations: annotations, startsAt: startsAt, endsAt: endsAt,
                          generatorURL: url, source: source)
        return StoredAlert(id: id, fingerprint: fingerprint, alert: alert, status: status, incidentID: incidentID,
                           silencedBy: silencedBy, inhibitedBy: inhibitedBy, receivedAt: receivedAt, updatedAt: updatedAt)
    }

    // MARK: - Encoding: a varint length, then the UTF-8 bytes

    private static func put(_ set: LabelSet, into out: inout [UInt8]) {
        putLength(set.count, into: &out)
        for (k, v) in set {
            put(k, into: &out)
            put(v, into: &out)
        }
    }

    private static func put(_ s: String, into out: inout [UInt8]) {
        putLength(s.utf8.count, into: &out)
        out.append(contentsOf: s.utf8)
    }

    private static func putLength(_ n: Int, into out: inout [UInt8]) {
        var n = n
        while n >= 0x80 {
            out.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
    }

    private static func length(_ b: [UInt8], _ pos: inout Int) -> Int {
        var n = 0, shift = 0
        while true {
            let byte = b[pos]
            pos += 1
            n |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return n }
            shift += 7
        }
    }

    private static func string(_ b: [UInt8], _ pos: inout Int) -> String {
        let n = length(b, &pos)
        defer { pos += n }
        return String(decoding: b[pos..<(pos + n)], as: UTF8.self)
    }

    private static func labelSet(_ b: [UInt8], _ pos: inout Int) -> LabelSet {
        let n = length(b, &pos)
        var set = LabelSet(minimumCapacity: n)
        for _ in 0..<n {
            let k = string(b, &pos)
            set[k] = string(b, &pos)
        }
        return set
    }
}
