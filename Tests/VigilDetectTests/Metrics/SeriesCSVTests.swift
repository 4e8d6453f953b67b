import Foundation
import Testing
@testable import VigilDetect

@Suite("SeriesCSV")
struct SeriesCSVTests {
    @Test("reads the three timestamp formats, CRLF and blank lines")
    func formats() throws {
        let text = "timestamp,value\r\n2014-07-01 00:30:00,1.5\r\n\r\n2014-07-01T01:00:00Z,2\n1404178200,-3e2\n2014-07-01T02:00:00.500+01:00,nan\n"
        let rows = try SeriesCSV.parse(text)
        #expect(rows.count == 4)
        #expect(rows.map(\.line) == [2, 4, 5, 6])
        #expect(rows[0].time.timeIntervalSince1970 == 1_404_174_600)
        #expect(rows[1].time.timeIntervalSince1970 == 1_404_176_400)
        #expect(rows[2].time.timeIntervalSince1970 == 1_404_178_200)
        #expect(rows[3].time.timeIntervalSince1970 == 1_404_176_400.5)
        #expect(rows[2].value == -300)
        #expect(rows[3].value.isNaN)
        #expect(rows[0].timestampText == "2014-07-01 00:30:00" && rows[0].valueText == "1.5")
    }

    @Test("columns are found by name")
    func columnsByName() throws {
        let rows = try SeriesCSV.parse("value,host,timestamp\n3,a,2014-07-01 00:00:00\n")
        #expect(rows.first?.value == 3)
    }

    @Test("errors name the line", arguments: [
        ("timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:05:00,abc\n", 3, "bad value"),
        ("timestamp,value\n2014-07-01 00:00:00,1\n\n2014-13-01 00:05:00,2\n", 4, "bad timestamp"),
        ("timestamp,value\n2014-02-30 00:00:00,1\n", 2, "bad timestamp"),
        ("time,val\n2014-07-01 00:00:00,1\n", 1, "header"),
        ("timestamp,value\n2014-07-01 00:00:00\n", 2, "fields"),
        ("timestamp,value\n2014-07-01 00:00:00,\n", 2, "bad value"),
        ("", 1, "empty"),
    ])
    func errors(text: String, line: Int, fragment: String) {
        #expect {
            _ = try SeriesCSV.parse(text)
        } throws: { error in
            guard let e = error as? SeriesCSVError else { return false }
            return e.line == line && e.description.contains(fragment) && e.description.hasPrefix("line \(line):")
        }
    }
}
