import Foundation
import Testing
import VigilDetect

/// Grouping accuracy on Loghub's OpenSSH 2k (corrected ground truth), as a regression guard.
@Suite("Grouping accuracy on Loghub OpenSSH 2k")
struct GroupingAccuracyTests {
    static let dataset = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../../../shared/bench-data/loghub2k/OpenSSH")
        .standardizedFileURL
    static let structured = dataset.appendingPathComponent("OpenSSH_2k.log_structured_corrected.csv")
    static let raw = dataset.appendingPathComponent("OpenSSH_2k.log")
    static let available = FileManager.default.fileExists(atPath: structured.path)
        && FileManager.default.fileExists(atPath: raw.path)

    @Test("mining Content", .enabled(if: available, "Loghub data not found at ../shared/bench-data/loghub2k/OpenSSH"))
    func content() throws {
        let rows = try Self.rows()
        var miner = TemplateMiner()
        let ids = rows.map { miner.add($0.content) }
        let accuracy = Self.groupingAccuracy(truth: rows.map(\.event), predicted: ids.map { miner.resolve($0) })
        #expect(accuracy >= 0.99, "GA \(accuracy)")
    }

    @Test("mining raw lines through header detection", .enabled(if: available, "Loghub data not found at ../shared/bench-data/loghub2k/OpenSSH"))
    func rawLines() throws {
        let rows = try Self.rows()
        let lines = try String(contentsOf: Self.raw, encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count == rows.count)
        let detector = HeaderDetector()
        var miner = TemplateMiner()
        let ids = lines.map { miner.add(detector.parse($0).message) }
        let accuracy = Self.groupingAccuracy(truth: rows.map(\.event), predicted: ids.map { miner.resolve($0) })
        #expect(accuracy >= 0.99, "GA \(accuracy)")
    }

    @Test("the measure itself: a wrong grouping scores lower")
    func measure() {
        #expect(Self.groupingAccuracy(truth: ["a", "a", "b"], predicted: [1, 1, 2].map { TemplateID(rawValue: $0) }) == 1)
        #expect(Self.groupingAccuracy(truth: ["a", "a", "b"], predicted: [1, 2, 2].map { TemplateID(rawValue: $0) }) == 0)
        #expect(Self.groupingAccuracy(truth: ["a", "a", "b", "c"], predicted: [1, 1, 2, 2].map { TemplateID(rawValue: $0) }) == 0.5)
    }

    /// A line is right when its predicted group has exactly the lines of its true group.
    static func groupingAccuracy(truth: [String], predicted: [TemplateID]) -> Double {
        var trueGroups: [String: Set<Int>] = [:], predictedGroups: [TemplateID: Set<Int>] = [:]
        for (i, (t, p)) in zip(truth, predicted).enumerated() {
            trueGroups[t, default: []].insert(i)
            predictedGroups[p, default: []].insert(i)
        }
        var correct = 0
        for lines in trueGroups.values {
            guard let sample = lines.first, predictedGroups[predicted[sample]] == lines else { continue }
            correct += lines.count
        }
        return Double(correct) / Double(max(1, truth.count))
    }

    struct Row {
        var content: String
        var event: String
    }

    static func rows() throws -> [Row] {
        let records = parseCSV(try String(contentsOf: structured, encoding: .utf8))
        guard let header = records.first, let c = header.firstIndex(of: "Content"), let e = header.firstIndex(of: "EventId")
        else { throw CocoaError(.fileReadCorruptFile) }
        return records.dropFirst().filter { $0.count == header.count }.map { Row(content: $0[c], event: $0[e]) }
    }

    /// RFC 4180 records (quoted fields, doubled quotes).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], field = "", record: [String] = []
        var quoted = false, afterQuote = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
            case ",": record.append(field); field = ""
            case "\n", "\r\n":
                record.append(field); field = ""
                records.append(record); record = []
            default: field.append(ch)
            }
            afterQuote = false
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
