import ArgumentParser
import Foundation
import VigilConfig
import VigilCore
import VigilIngest
import VigilServer

extension Metrics {
    /// `vigil metrics query --prometheus URL [--range 1h --step 15s] EXPR`: PromQL against an existing Prometheus.
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a PromQL query against a Prometheus and print the result as JSON.",
            discussion: """
                Instant query by default; with --range, a range query over the last RANGE every STEP. \
                Prints {"resultType": …, "series": [{"labels": {…}, "points": [[unix_seconds, value], …]}]}; \
                Prometheus errors are printed with their type and exit with status 1.
                """)

        @Option(help: "Prometheus base URL, e.g. http://127.0.0.1:9090.") var prometheus: String
        @Option(help: "Range query over this long before now (e.g. 5m, 1h).") var range: String?
        @Option(help: "Resolution of a range query.") var step = "15s"
        @Argument(help: "The PromQL expression.") var expression: String

        func run() async throws {
            let client = PrometheusClient(baseURL: prometheus, transport: AsyncHTTPTransport())
            let result: PromQLResult
            do {
                if let range {
                    guard let r = ConfigDuration(range), r.seconds > 0, let s = ConfigDuration(step), s.seconds > 0 else {
                        throw ValidationError("--range and --step take durations such as 30s, 5m, 1h")
                    }
                    let end = Date()
                    result = try await client.queryRange(expression, start: end.addingTimeInterval(-r.seconds), end: end, step: s.seconds)
                } else {
                    result = try await client.query(expression)
                }
            } catch let e as PromQLError {
                throw MetricsCommandError(e.description)
            }
            print(Self.render(result))
        }

        static func render(_ result: PromQLResult) -> String {
            func number(_ v: Double) -> Any { v.isFinite ? v : (v.isNaN ? "NaN" : (v > 0 ? "+Inf" : "-Inf")) }
            var object: [String: Any]
            switch result {
            case .vector, .matrix:
                object = ["resultType": { if case .vector = result { "vector" } else { "matrix" } }(),
                          "series": result.series.map { s in
                              ["labels": s.labels, "points": s.points.map { [$0.time.timeIntervalSince1970, number($0.value)] }] as [String: Any]
                          }]
            case .scalar(let p): object = ["resultType": "scalar", "value": [p.time.timeIntervalSince1970, number(p.value)]]
            case .string(let t, let v): object = ["resultType": "string", "value": [t.timeIntervalSince1970, v]]
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }
}
