import Foundation
import Testing
import VigilCore
import VigilIngest

/// Expositions captured from real exporters (Debian's node-exporter 1.5, trimmed, and Prometheus 2.42's own /metrics).
@Suite("Real expositions")
struct RealExpositionTests {
    static func fixture(_ name: String) throws -> String {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/exposition")
        return try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    static func typeLines(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            out[String(parts[2])] = String(parts[3])
        }
        return out
    }

    @Test("every declared family parses with its type; histogram and summary parts join their family", arguments: [
        "node-exporter-1.5.txt", "prometheus-2.42.txt",
    ])
    func parses(_ name: String) throws {
        let text = try Self.fixture(name)
        let families = try ExpositionParser.parse(text, format: .text)
        let declared = Self.typeLines(text)
        let byName = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) })
        for (family, type) in declared {
            #expect(byName[family]?.type.rawValue == type, "\(family)")
        }
        let sampleLines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count
        #expect(families.reduce(0) { $0 + $1.samples.count } == sampleLines, "every sample line belongs to one family")
        #expect(families.allSatisfy { $0.help != nil }, "real exporters document every family")
        for f in families where f.type == .histogram {
            #expect(f.samples.contains { $0.name == f.name + "_bucket" && $0.labels["le"] == "+Inf" }, "\(f.name)")
            #expect(f.samples.contains { $0.name == f.name + "_count" } && f.samples.contains { $0.name == f.name + "_sum" })
        }
        let gc = try #require(byName["go_gc_duration_seconds"])
        #expect(gc.type == .summary && gc.samples.filter { $0.labels["quantile"] != nil }.count == 5)
    }

    @Test("two scrapes of node-exporter: every counter becomes a :rate series, gauges stay")
    func nodeExporterRates() throws {
        let families = try ExpositionParser.parse(try Self.fixture("node-exporter-1.5.txt"), format: .text)
        let cpu = try #require(families.first { $0.name == "node_cpu_seconds_total" })
        #expect(cpu.type == .counter && cpu.samples.allSatisfy { $0.labels["cpu"] != nil && $0.labels["mode"] != nil })
        var rates = CounterRates()
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let labels = ["job": "node", "instance": "127.0.0.1:9100"]
        let first = ScrapeSamples.make(families, time: t0, labels: labels, rates: &rates)
        let second = ScrapeSamples.make(families, time: t0.addingTimeInterval(15), labels: labels, rates: &rates)
        let cumulative = families.reduce(0) { n, f in n + f.samples.filter { f.isCumulative($0) }.count }
        #expect(cumulative > 50)
        #expect(second.count - first.count == cumulative, "the second scrape adds one rate per cumulative sample")
        #expect(second.filter { $0.name.hasSuffix(":rate") }.allSatisfy { $0.value == 0 }, "unchanged counters: rate 0")
        #expect(second.contains { $0.name == "node_cpu_seconds_total:rate" && $0.labels["mode"] == "idle" })
    }
}
