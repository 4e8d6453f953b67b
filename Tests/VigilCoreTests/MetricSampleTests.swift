import Foundation
import Testing
import VigilCore

@Suite("MetricSample and SeriesKey")
struct MetricSampleTests {
    @Test("the series key is canonical: labels sorted, values escaped, independent of insertion order")
    func canonicalKey() {
        let a = SeriesKey(name: "http_requests", labels: ["path": "/a\"b", "code": "200", "msg": "x\\y\nz"])
        #expect(a.key == #"http_requests{code="200",msg="x\\y\nz",path="/a\"b"}"#)
        var labels: LabelSet = [:]
        labels["path"] = "/a\"b"
        labels["msg"] = "x\\y\nz"
        labels["code"] = "200"
        #expect(SeriesKey(name: "http_requests", labels: labels) == a)
        #expect(SeriesKey(name: "up").key == "up")
        #expect(SeriesKey(name: "up", labels: ["a": "1"]) != SeriesKey(name: "up", labels: ["a": "2"]))
    }

    @Test("a sample's series round-trips through JSON")
    func codable() throws {
        let s = MetricSample(name: "load", labels: ["host": "h"], time: Date(timeIntervalSince1970: 10), value: 1.5)
        let back = try JSONDecoder().decode(SeriesKey.self, from: JSONEncoder().encode(s.series))
        #expect(back == s.series)
        #expect(back.labels == ["host": "h"])
    }

    @Test("rebucketing merges points into epoch-aligned steps")
    func rebucket() {
        let points = [0.0, 20, 59, 60, 61, 130].map { MetricPoint(time: Date(timeIntervalSince1970: 1000 + $0), value: $0) }
        let out = MetricPoint.rebucket(points, step: 60)
        // 1000 → [960, 1020); 1020…1061 → [1020, 1080); 1130 → [1080, 1140)
        #expect(out.map(\.time.timeIntervalSince1970) == [960, 1020, 1080])
        #expect(out.map(\.count) == [1, 4, 1])
        #expect(out[1].min == 20 && out[1].max == 61 && out[1].sum == 200)
        #expect(out[1].mean == 50)
        #expect(MetricPoint.rebucket(points, step: 0) == points)
    }

    @Test("retention picks the finest resolution that still covers the start")
    func finest() {
        let r = MetricRetention(raw: 3600, fiveMinutes: 86_400, hour: 86_400 * 30)
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(r.finest(covering: now.addingTimeInterval(-600), now: now) == .raw)
        #expect(r.finest(covering: now.addingTimeInterval(-7200), now: now) == .fiveMinutes)
        #expect(r.finest(covering: now.addingTimeInterval(-86_400 * 2), now: now) == .hour)
    }
}
