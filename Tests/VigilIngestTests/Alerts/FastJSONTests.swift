import Foundation
import Testing
import VigilCore
@testable import VigilIngest

@Suite struct FastJSONTests {
    @Test func agreesWithFoundationOnValidDocuments() throws {
        let docs = [
            #"[{"labels":{"a":"b","c":"d\"e\\f\n\u00e9\ud83d\ude00"},"annotations":{},"startsAt":"2024-05-01T12:00:00.5Z"}]"#,
            #"  [ ]  "#,
            #"[{"labels":{"x":"y"},"endsAt":null,"generatorURL":"http://p/graph?g0.expr=up%3D%3D0","extra":[1,2.5e3,-0.1,true,false,null]}]"#,
        ]
        for doc in docs {
            let fast = try #require(AlertmanagerAPIv2.fastList(Array(doc.utf8)), "fast path refused: \(doc)")
            let slow = try JSONDecoder().decode([AlertmanagerAPIv2.PostableAlert].self, from: Data(doc.utf8))
            #expect(fast.map(\.labels) == slow.map(\.labels))
            #expect(fast.map(\.annotations) == slow.map(\.annotations))
            #expect(fast.map { $0.startsAt?.date } == slow.map { $0.startsAt?.date })
            #expect(fast.map(\.generatorURL) == slow.map(\.generatorURL))
        }
        let emoji = try #require(AlertmanagerAPIv2.fastList(Array(docs[0].utf8))?.first?.labels["c"])
        #expect(emoji == "d\"e\\f\né😀")
    }

    @Test func refusesWhatItCannotVouchFor() {
        let bad = [
            #"[{"labels":{"a":1}}]"#, #"[{"labels":{"a":"b"}"#, #"{"labels":{}}"#, #"[{"labels":{"a":"b"},"startsAt":"soon"}]"#,
            #"[{"labels":{"a":"b","a":"c"}}]"#, "[\"\u{01}\"]", #"["\ud800"]"#, #"[tru]"#, #"[1,]"#, #"[{"a" 1}]"#,
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ]
        for doc in bad { #expect(AlertmanagerAPIv2.fastList(Array(doc.utf8)) == nil, "accepted: \(doc)") }
        #expect(AlertmanagerAPIv2.fastList([0x5B, 0x22, 0xFF, 0x22, 0x5D]) == nil)
    }

    @Test func errorsStillNameTheFieldThroughTheFallback() {
        do {
            _ = try AlertmanagerAPIv2.decode(Array(#"[{"labels":{"alertname":5}}]"#.utf8), now: Date(), limits: IngestLimits())
            Issue.record("accepted")
        } catch {
            #expect(error.status == 422)
            #expect(error.message.contains("[0].labels.alertname"))
        }
    }
}
