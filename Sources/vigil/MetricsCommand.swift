import ArgumentParser
import Foundation
import VigilCore
import VigilDetect

/// `vigil metrics …`: offline tools for metric series.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score metric series for anomalies offline; query a Prometheus with PromQL.",
        subcommands: [Score.self, Bench.self, Query.self])

    /// `vigil metrics score --input SERIES.csv --output SCORES.csv`
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a series online, row by row, with the default detector.",
            discussion: """
                Input: CSV with a header naming 'timestamp' and 'value' (timestamps as YYYY-MM-DD HH:MM:SS, \
                RFC 3339 or unix seconds). Output: 'timestamp,value,anomaly_score', one row per input row, \
                in input order; scores are in [0, 1] and each depends only on its row and the rows before it.
                """)

        @Option(help: "Series CSV to read ('-' for standard input).") var input: String
        @Option(help: "Where to write the scores ('-' for standard output).") var output: String

        func run() throws {
            let text = try readInput(input)
            let rows: [SeriesCSV.Row]
            do {
                rows = try SeriesCSV.parse(text)
            } catch {
                throw MetricsCommandError("\(input): \(error.description)")
            }
            var detector = SeriesDetector()
            var out = "timestamp,value,anomaly_score\n"
            out.reserveCapacity(rows.count * 48)
            for row in rows {
                let verdict = detector.score(time: row.time, value: row.value)
                out += row.timestampText
                out += ","
                out += row.valueText
                out += ","
                out += formatScore(verdict.score)
                out += "\n"
            }
            try writeOutput(out, to: output)
        }
    }

    /// `vigil metrics bench`: speed and memory of the detector on this machine.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure detector speed (samples/s on one core) and memory per active series.")

        @Option(help: "Samples scored on one series for the single-series speed.") var samples = 20_000_000
        @Option(help: "Active series kept for the many-series speed and memory.") var series = 100_000
        @Option(help: "Timed samples per series in the many-series run (after an untimed warm-up).") var rounds = 100

        func run() throws {
            // one long synthetic series: daily cycle, noise, a few spikes and a level shift
            var rng = SeededRandom(seed: 42)
            let step = 60.0
            var detector = SeriesDetector()
            var checksum = 0.0
            let start = Date()
            let cpuStart = threadCPUSeconds()
            for i in 0..<samples {
                let t = 1.4e9 + Double(i) * step
                var v = 50 + 10 * sin(2 * Double.pi * t / 86_400) + rng.normal()
                if i % 100_003 == 0 { v += 30 }
                if (i / 1_000_000) % 2 == 1 { v += 8 }
                checksum += detector.score(time: Date(timeIntervalSince1970: t), value: v).score
            }
            let single = Double(samples) / Date().timeIntervalSince(start)
            let singleCPU = Double(samples) / max(1e-9, threadCPUSeconds() - cpuStart)

            // many active series: RSS growth per detector, warm-up (untimed), then round-robin scoring
            let rssBefore = residentBytes()
            var detectors = [SeriesDetector](repeating: SeriesDetector(), count: series)
            for k in 0..<series { _ = detectors[k].score(time: Date(timeIntervalSince1970: 1.4e9), value: Double(k)) }
            let rssAfter = residentBytes()
            let warmUp = SeriesDetector.warmUpSamples + 8
            for r in 1...warmUp {
                let t = Date(timeIntervalSince1970: 1.4e9 + Double(r) * step)
                for k in 0..<series { _ = detectors[k].score(time: t, value: Double(k % 97) + rng.normal()) }
            }
            let manyStart = Date()
            let manyCPUStart = threadCPUSeconds()
            for r in (warmUp + 1)...(warmUp + rounds) {
                let t = Date(timeIntervalSince1970: 1.4e9 + Double(r) * step)
                for k in 0..<series {
                    checksum += detectors[k].score(time: t, value: Double(k % 97) + rng.normal()).score
                }
            }
            let many = Double(series * rounds) / Date().timeIntervalSince(manyStart)
            let manyCPU = Double(series * rounds) / max(1e-9, threadCPUSeconds() - manyCPUStart)
            let perSeries = series > 0 ? Double(rssAfter - rssBefore) / Double(series) : 0
            print("""
                {"samples": \(samples), "samples_per_second_one_series": \(Int(single)), \
                "samples_per_cpu_second_one_series": \(Int(singleCPU)), \
                "series": \(series), "samples_per_second_many_series": \(Int(many)), \
                "samples_per_cpu_second_many_series": \(Int(manyCPU)), \
                "detector_bytes": \(MemoryLayout<SeriesDetector>.size), \
                "rss_bytes_per_series": \(Int(perSeries)), "checksum": \(checksum)}
                """)
        }
    }
}

/// A failure of a `vigil metrics` command, printed as is.
struct MetricsCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private func readInput(_ path: String) throws -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw MetricsCommandError("\(path): cannot read file")
        }
        data = d
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw MetricsCommandError("\(path): not UTF-8 text")
    }
    return text
}

private func writeOutput(_ text: String, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        throw MetricsCommandError("\(path): cannot write file")
    }
}

/// Fixed-point with 9 decimals (enough to rank scores near 1), without Foundation formatting.
private func formatScore(_ score: Double) -> String {
    let clamped = score.isFinite ? min(1, max(0, score)) : 0
    let scaled = Int64((clamped * 1e9).rounded())
    let whole = scaled / 1_000_000_000
    let frac = String(scaled % 1_000_000_000)
    return "\(whole)." + String(repeating: "0", count: 9 - frac.count) + frac
}

/// CPU time consumed by the calling thread, in seconds (the synthetic data generation included).
private func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Resident set size of this process, from /proc (0 where unavailable).
private func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

extension SeededRandom {
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
    }
}
