import Foundation
import Testing
import VigilCore
import VigilIngest

@Suite("Counter rates and scrape conversion")
struct CounterRatesTests {
    let key = SeriesKey(name: "requests_total", labels: ["job": "api"])
    func t(_ s: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + s) }

    @Test("first sample gives no rate; later ones give the per-second increase")
    func basic() {
        var r = CounterRates()
        #expect(r.rate(series: key, time: t(0), value: 100) == nil)
        #expect(r.rate(series: key, time: t(10), value: 150) == 5)
        #expect(r.rate(series: key, time: t(20), value: 150) == 0)
        #expect(r.trackedSeries == 1)
    }

    @Test("a counter going down is a reset: the increase is the new value")
    func reset() {
        var r = CounterRates()
        _ = r.rate(series: key, time: t(0), value: 1000)
        #expect(r.rate(series: key, time: t(10), value: 40) == 4)
        #expect(r.rate(series: key, time: t(20), value: 60) == 2)
    }

    @Test("repeated or backwards timestamps give nothing; NaN forgets; series are independent")
    func edges() {
        var r = CounterRates()
        let other = SeriesKey(name: "requests_total", labels: ["job": "db"])
        _ = r.rate(series: key, time: t(0), value: 10)
        #expect(r.rate(series: key, time: t(0), value: 20) == nil)
        #expect(r.rate(series: key, time: t(-5), value: 20) == nil)
        #expect(r.rate(series: other, time: t(5), value: 1) == nil)
        #expect(r.rate(series: key, time: t(10), value: 30) == 2)
        #expect(r.rate(series: key, time: t(20), value: .nan) == nil)
        #expect(r.rate(series: key, time: t(30), value: 40) == nil, "after NaN the series starts over")
        r.forget(notUpdatedSince: t(20))
        #expect(r.trackedSeries == 1)
    }

    @Test("a scrape: gauges as they are, counters and histogram parts as :rate, _created and NaN dropped, target labels win, exposed ones kept as exported_")
    func scrapeSamples() throws {
        let first = """
            # TYPE reqs counter
            reqs_total{code="200",job="exposed",empty=""} 100
            reqs_created{code="200"} 1700000000
            # TYPE temp gauge
            temp 21.5
            # TYPE lat histogram
            lat_bucket{le="1"} 10
            lat_bucket{le="+Inf"} 12
            lat_sum 3
            lat_count 12
            # TYPE q summary
            q{quantile="0.5"} NaN
            # EOF
            """
        var rates = CounterRates()
        let labels = ["job": "node", "instance": "h:9100"]
        let f1 = try ExpositionParser.parse(first, format: .openMetrics)
        let s1 = ScrapeSamples.make(f1, time: t(0), labels: labels, rates: &rates)
        #expect(s1.map(\.name) == ["temp"], "first scrape only has gauges: \(s1)")
        #expect(s1[0].labels == labels)

        let second = first.replacingOccurrences(of: "} 100", with: "} 160")
            .replacingOccurrences(of: "lat_count 12", with: "lat_count 2")
        let f2 = try ExpositionParser.parse(second, format: .openMetrics)
        let s2 = ScrapeSamples.make(f2, time: t(15), labels: labels, rates: &rates)
        let byKey = Dictionary(uniqueKeysWithValues: s2.map { ($0.series.key, $0.value) })
        #expect(byKey[#"reqs_total:rate{code="200",exported_job="exposed",instance="h:9100",job="node"}"#] == 4)
        #expect(byKey[#"lat_count:rate{instance="h:9100",job="node"}"#] == 2.0 / 15, "reset handled")
        #expect(byKey[#"lat_bucket:rate{instance="h:9100",job="node",le="1"}"#] == 0)
        #expect(byKey[#"temp{instance="h:9100",job="node"}"#] == 21.5)
        #expect(!s2.contains { $0.name.hasPrefix("q") || $0.name.contains("created") })
        #expect(s2.count == 6)
    }
}
