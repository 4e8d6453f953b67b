import Foundation
import Testing
import VigilCore
@testable import VigilCorrelate

@Suite struct PackedAlertTests {
    @Test(arguments: [false, true])
    func packingRoundTripsEveryField(withURL: Bool) {
        let long = String(repeating: "ж", count: 200) // 400 UTF-8 bytes: a multi-byte length prefix
        let alert = Alert(labels: ["alertname": "DiskFull", "service": "db", "instance": "host-1.dc2:9100", "note": long],
                          annotations: withURL ? ["summary": "disk \u{1F4A5} full", "empty": ""] : [:],
                          startsAt: Date(timeIntervalSince1970: 1000.25), endsAt: withURL ? Date(timeIntervalSince1970: 2000) : nil,
                          generatorURL: withURL ? "http://prom:9090/graph?g0.expr=up%3D%3D0" : nil, source: "alertmanager")
        let stored = StoredAlert(id: withURL ? 42 : nil, alert: alert, status: .suppressed, incidentID: withURL ? "inc_1" : nil,
                                 silencedBy: withURL ? ["sil_1", "sil_2"] : [], inhibitedBy: [Fingerprint(value: 7)],
                                 receivedAt: Date(timeIntervalSince1970: 1001), updatedAt: Date(timeIntervalSince1970: 1002))
        let back = PackedAlert(stored).unpack(stored.fingerprint)
        #expect(back == stored)
        #expect(back.fingerprint == Fingerprint(labels: alert.labels))
    }

    @Test func theIndexServesUnpackedCopiesAndKeepsItsIndexes() {
        var index = AlertIndex(rules: [])
        let a = StoredAlert(alert: Alert(labels: ["alertname": "A"], startsAt: Date(timeIntervalSince1970: 0),
                                         endsAt: Date(timeIntervalSince1970: 100)),
                            status: .firing, incidentID: "inc_1", receivedAt: .distantPast, updatedAt: .distantPast)
        index.put(a)
        #expect(index[a.fingerprint] == a)
        #expect(index.members["inc_1"] == [a.fingerprint])
        #expect(index.expired(at: Date(timeIntervalSince1970: 99)).isEmpty)
        #expect(index.expired(at: Date(timeIntervalSince1970: 100)) == [a.fingerprint])
        index.remove(a.fingerprint)
        #expect(index[a.fingerprint] == nil)
        #expect(index.count == 0)
    }
}
