import Foundation
import Testing
import VigilCore

@Suite struct RFC3339Tests {
    // Expected epoch seconds computed with Python's datetime.fromisoformat(...).timestamp().
    @Test(arguments: [
        ("2024-05-01T12:00:00Z", 1_714_564_800.0),
        ("1969-07-20T20:17:40Z", -14_182_940.0),
        ("2024-02-29T23:59:59Z", 1_709_251_199.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
        ("1900-03-01T00:00:00Z", -2_203_891_200.0),
        ("1600-02-29T12:00:00Z", -11_670_955_200.0),
        ("0001-01-01T00:00:00Z", -62_135_596_800.0),
        ("9999-12-31T23:59:59Z", 253_402_300_799.0),
    ])
    func parsesWholeSeconds(text: String, epoch: Double) throws {
        let d = try #require(RFC3339.parse(text))
        #expect(d.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: [
        ("2024-05-01T12:00:00.5Z", 0.5),
        ("2024-05-01T12:00:00.123Z", 0.123),
        ("2024-05-01T12:00:00.123456Z", 0.123456),
        ("2024-05-01T12:00:00.123456789Z", 0.123456789),
        ("2024-05-01T12:00:00.000000001Z", 0.000000001),
        ("2024-05-01T12:00:00.999999999Z", 0.999999999),
    ])
    func parsesFractionsUpToNineDigits(text: String, fraction: Double) throws {
        let d = try #require(RFC3339.parse(text))
        // Date keeps about 0.1 µs at this magnitude.
        #expect(abs(d.timeIntervalSince1970 - (1_714_564_800 + fraction)) < 1e-6, "\(d.timeIntervalSince1970)")
    }

    @Test func offsetsAreSubtracted() throws {
        let utc = try #require(RFC3339.parse("2024-05-01T12:00:00Z"))
        #expect(RFC3339.parse("2024-05-01T14:00:00+02:00") == utc)
        #expect(RFC3339.parse("2024-05-01T06:30:00-05:30") == utc)
        #expect(RFC3339.parse("2024-05-01T12:00:00+00:00") == utc)
        #expect(RFC3339.parse("2024-05-01T12:00:00-00:00") == utc)
        #expect(RFC3339.parse("2024-05-02T01:45:00+13:45") == utc)
        let frac = try #require(RFC3339.parse("2024-05-01T14:00:00.250+02:00"))
        #expect(abs(frac.timeIntervalSince(utc) - 0.25) < 1e-6)
    }

    @Test func lowercaseTAndZAndSpaceSeparatorAreAccepted() throws {
        let utc = try #require(RFC3339.parse("2024-05-01T12:00:00Z"))
        #expect(RFC3339.parse("2024-05-01t12:00:00z") == utc)
        #expect(RFC3339.parse("2024-05-01 12:00:00Z") == utc)
    }

    @Test(arguments: [
        "",
        "garbage",
        "this is not a timestamp at all",
        "2024-05-01T12:00:00",          // no zone
        "2024-05-01T12:00:00.123",      // no zone after a fraction
        "2024-05-01",                   // date only
        "2024-05-01T12:00Z",            // no seconds
        "2024-05-01T12:00:00.Z",        // empty fraction
        "2024-05-01T12:00:00ZZ",        // trailing junk
        "2024-05-01T12:00:00Z ",        // trailing space
        "2024-05-01T12:00:00+0200",     // offset without colon
        "2024-05-01T12:00:00+02",       // short offset
        "2024-05-01T12:00:00+02:00:00", // long offset
        "2024-05-01T12:00:00 +02:00",   // space before offset
        "2024-13-01T12:00:00Z",         // month 13
        "2024-00-01T12:00:00Z",         // month 0
        "2024-05-00T12:00:00Z",         // day 0
        "2024-05-32T12:00:00Z",         // day 32
        "2024-05-01T24:00:00Z",         // hour 24
        "2024-05-01T12:60:00Z",         // minute 60
        "2024-05-01T12:00:61Z",         // second 61
        "2024/05/01T12:00:00Z",
        "2024-05-01X12:00:00Z",
        "20x4-05-01T12:00:00Z",
        "2024-05-01T12:00:00+2a:00",
        "-024-05-01T12:00:00Z",
        "２０２４-05-01T12:00:00Z",       // full-width digits
    ])
    func rejectsGarbage(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test(arguments: [
        "2023-02-29T00:00:00Z",         // 2023 is not a leap year
        "1900-02-29T00:00:00Z",         // divisible by 100, not by 400
        "2024-02-30T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-06-31T00:00:00Z",
        "2024-09-31T00:00:00Z",
        "2024-11-31T00:00:00Z",
    ])
    func rejectsDaysThatDoNotExistInTheMonth(text: String) {
        // Go's time.Parse (Prometheus, Alertmanager) refuses these instead of rolling into the next month.
        #expect(RFC3339.parse(text) == nil)
    }

    @Test(arguments: ["2024-05-01T12:00:00+24:00", "2024-05-01T12:00:00+02:60", "2024-05-01T12:00:00-99:00"])
    func rejectsOutOfRangeOffsets(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsUTCWithMilliseconds() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_714_564_800)) == "2024-05-01T12:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_709_251_199.5)) == "2024-02-29T23:59:59.500Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -14_182_940)) == "1969-07-20T20:17:40.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00.000Z")
    }

    @Test(arguments: [
        "2024-05-01T12:00:00.000Z", "2024-05-01T12:00:00.123Z", "2024-02-29T23:59:59.999Z",
        "2000-02-29T00:00:00.001Z", "1969-07-20T20:17:40.250Z", "1969-12-31T23:59:59.999Z",
        "1900-03-01T00:00:00.500Z", "1600-02-29T12:00:00.007Z", "2038-01-19T03:14:08.000Z",
        "2099-12-31T23:59:59.998Z",
    ])
    func parseThenFormatRoundTrips(text: String) throws {
        let d = try #require(RFC3339.parse(text))
        #expect(RFC3339.format(d) == text)
    }

    @Test func formatThenParseRoundTripsEveryMillisecondOfASecond() throws {
        for base in [1_714_564_800.0, -14_182_940.0, 951_782_400.0] {
            for ms in 0..<1000 {
                let d = Date(timeIntervalSince1970: base + Double(ms) / 1000)
                let text = RFC3339.format(d)
                let back = try #require(RFC3339.parse(text), "\(text)")
                #expect(RFC3339.format(back) == text)
                #expect(abs(back.timeIntervalSince(d)) < 1e-6, "\(text)")
            }
        }
    }

    @Test func formatTruncatesBelowMilliseconds() throws {
        let d = try #require(RFC3339.parse("2024-05-01T12:00:00.123999Z"))
        #expect(RFC3339.format(d) == "2024-05-01T12:00:00.123Z")
    }
}
