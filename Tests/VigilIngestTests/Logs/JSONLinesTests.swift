import Foundation
import Testing
import VigilCore
@testable import VigilIngest

@Suite struct JSONLinesTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func ndjsonRecords() throws {
        let body = """
            {"time":"2024-05-01T12:00:00Z","service":"api","host":"a","level":"ERROR","message":"db timeout","labels":{"env":"prod"}}

            {"message":"no time given"}
            """
        let r = try JSONLines.decodeNDJSON(Array(body.utf8), now: now, limits: LogLimits())
        #expect(r.count == 2)
        #expect(r[0].level == "error")
        #expect(r[0].labels["env"] == "prod")
        #expect(r[1].time == now)
        #expect(r[1].service == "unknown")
    }

    @Test func badLineNamesItsNumberAndRefusesAll() {
        let body = "{\"message\":\"ok\"}\n{\"message\": 5}\n"
        do { _ = try JSONLines.decodeNDJSON(Array(body.utf8), now: now, limits: LogLimits()); Issue.record("accepted") } catch {
            #expect(error.status == 422)
            #expect(error.message.hasPrefix("line 2:"))
        }
        do { _ = try JSONLines.decodeNDJSON(Array("{\"message\":\"a\"}\n{trunc".utf8), now: now, limits: LogLimits()); Issue.record("accepted") } catch {
            #expect(error.status == 400)
            #expect(error.message.hasPrefix("line 2:"))
        }
    }

    @Test func plainTextUsesQueryLabels() throws {
        let r = try JSONLines.decodeText(Array("one\r\ntwo\n\nthree".utf8), labels: ["service": "batch", "host": "h1"], now: now,
                                          limits: LogLimits())
        #expect(r.map(\.message) == ["one", "two", "three"])
        #expect(r.allSatisfy { $0.service == "batch" && $0.host == "h1" })
        #expect(throws: IngestError.self) { try JSONLines.decodeText([0xFF], labels: [:], now: now, limits: LogLimits()) }
    }
}
