import Foundation
import Testing
import VigilCore
import VigilIngest

/// The error `parse` threw, or nil when it parsed.
func expositionFailure(_ text: String, _ format: ExpositionFormat = .text) -> ExpositionError? {
    do {
        _ = try ExpositionParser.parse(text, format: format)
        return nil
    } catch {
        return error
    }
}

@Suite("Exposition parser: Prometheus text 0.0.4 and OpenMetrics")
struct ExpositionParserTests {
    static let text004 = #"""
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47
        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.5"} 4773
        rpc_duration_seconds{quantile="0.99"} NaN
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693
        """#

    @Test("the example from the exposition format documentation")
    func documentationExample() throws {
        let families = try ExpositionParser.parse(Self.text004, format: .text)
        let byName = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) })
        let requests = try #require(byName["http_requests_total"])
        #expect(requests.type == .counter)
        #expect(requests.help == "The total number of HTTP requests.")
        #expect(requests.samples.count == 2)
        #expect(requests.samples[1].labels == ["method": "post", "code": "400"])
        #expect(requests.samples[1].value == 3)
        #expect(requests.samples[0].timestamp == Date(timeIntervalSince1970: 1_395_066_363))

        let msdos = try #require(byName["msdos_file_access_time_seconds"]?.samples.first)
        #expect(msdos.labels["path"] == #"C:\DIR\FILE.TXT"#)
        #expect(msdos.labels["error"] == "Cannot find file:\n\"FILE.TXT\"")
        #expect(msdos.value == 1.458255915e9)
        #expect(byName["msdos_file_access_time_seconds"]?.type == .untyped)

        let weird = try #require(byName["something_weird"]?.samples.first)
        #expect(weird.value == .infinity)
        #expect(weird.timestamp == Date(timeIntervalSince1970: -3982.045))

        let histogram = try #require(byName["http_request_duration_seconds"])
        #expect(histogram.type == .histogram)
        #expect(histogram.samples.map(\.name) == ["http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket",
                                                  "http_request_duration_seconds_sum", "http_request_duration_seconds_count"])
        #expect(histogram.samples.allSatisfy { histogram.isCumulative($0) })

        let summary = try #require(byName["rpc_duration_seconds"])
        #expect(summary.samples.count == 4)
        #expect(summary.samples[1].value.isNaN)
        #expect(!summary.isCumulative(summary.samples[0]))
        #expect(summary.isCumulative(summary.samples[3]))
        #expect(families.count == 6)
    }

    @Test("OpenMetrics: UNIT, _total counters, float timestamps, exemplars, # EOF")
    func openMetrics() throws {
        let text = """
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request \\"router\\".
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            # TYPE go_goroutines gauge
            go_goroutines 69 1605281325.5
            # TYPE foo counter
            foo_total{a="b"} 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
            # EOF

            """
        let families = try ExpositionParser.parse(text, format: .openMetrics)
        #expect(families.map(\.name) == ["acme_http_router_request_seconds", "go_goroutines", "foo"])
        #expect(families[0].unit == "seconds")
        #expect(families[0].help == "Latency though all of ACME's HTTP request \"router\".")
        #expect(families[0].samples.count == 3)
        #expect(families[1].samples[0].timestamp == Date(timeIntervalSince1970: 1_605_281_325.5))
        #expect(families[2].samples[0].name == "foo_total")
        #expect(families[2].samples[0].value == 17)
        #expect(families[2].isCumulative(families[2].samples[0]))
    }

    @Test("content types pick the format")
    func formatFromContentType() {
        #expect(ExpositionFormat.from(contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8") == .openMetrics)
        #expect(ExpositionFormat.from(contentType: "text/plain; version=0.0.4") == .text)
        #expect(ExpositionFormat.from(contentType: nil) == .text)
    }

    @Test("malformed lines are refused with their line and column", arguments: [
        ("up 1\nup{job=\"a\" 1\n", 2, 12, "expected ',' or '}'"),
        ("up{job=\"a} 1\n", 1, 13, "unterminated value"),
        ("up{job=\"a\\x\"} 1\n", 1, 10, "invalid escape"),
        ("up abc\n", 1, 4, "invalid value 'abc'"),
        ("up 1 12.5\n", 1, 6, "invalid timestamp"),
        ("up 1 2 3\n", 1, 8, "unexpected text"),
        ("9up 1\n", 1, 1, "expected a metric name"),
        ("up{9job=\"a\"} 1\n", 1, 4, "expected a label name"),
        ("up{job=\"a\",job=\"b\"} 1\n", 1, 12, "appears twice"),
        ("up{job=a} 1\n", 1, 8, "expected '\"'"),
        ("up\n", 1, 3, "expected a space before the value"),
        ("# TYPE up gauge\n# TYPE up counter\n", 2, 8, "second TYPE"),
        ("up 1\n# TYPE up gauge\n", 2, 8, "after its samples"),
        ("# TYPE up thing\n", 1, 11, "unknown metric type"),
        ("# TYPE h histogram\nh_bucket{x=\"1\"} 1\n", 2, 1, "numeric 'le'"),
        ("up 1\nup 2\n", 2, 1, "duplicate series"),
        ("up 0x10\n", 1, 4, "invalid value"),
    ])
    func malformedText(_ input: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(expositionFailure(input), "accepted: \(input)")
        #expect(error.line == line, "\(error)")
        #expect(error.column == column, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("malformed OpenMetrics: missing or early EOF, blank lines, counters without _total, bad comments")
    func malformedOpenMetrics() throws {
        let missing = try #require(expositionFailure("up 1\n", .openMetrics))
        #expect(missing.line == 2 && missing.message.contains("missing '# EOF'"))
        let after = try #require(expositionFailure("# EOF\nup 1\n", .openMetrics))
        #expect(after.line == 2 && after.message.contains("after '# EOF'"))
        let blank = try #require(expositionFailure("up 1\n\n# EOF\n", .openMetrics))
        #expect(blank.line == 2)
        let counter = try #require(expositionFailure("# TYPE c counter\nc 1\n# EOF\n", .openMetrics))
        #expect(counter.line == 2 && counter.message.contains("_total"))
        let comment = try #require(expositionFailure("# hello\n# EOF\n", .openMetrics))
        #expect(comment.line == 1 && comment.message.contains("unknown comment"))
        let unit = try #require(expositionFailure("# UNIT foo_bytes seconds\n# EOF\n", .openMetrics))
        #expect(unit.message.contains("must end with its unit"))
        #expect(expositionFailure("# TYPE x stateset\nx{x=\"a\"} 1\n# EOF", .openMetrics) == nil)
        // the same text without EOF is fine as 0.0.4, where `#` lines are comments
        #expect(expositionFailure("# hello\n\nup 1\n") == nil)
    }

    @Test("CRLF line endings and a missing final newline are accepted")
    func lineEndings() throws {
        let families = try ExpositionParser.parse("a 1\r\nb{x=\"y\"} 2", format: .text)
        #expect(families.map(\.name) == ["a", "b"])
        #expect(families[1].samples[0].value == 2)
    }
}
