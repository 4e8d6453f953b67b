import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilIngest

/// Log receivers: Loki's push API (JSON or snappy protobuf) and Vigil's own
/// NDJSON / plain-text endpoint. A 2xx is sent only after the sink committed.
struct LogRoutes {
    let sink: any LogSink
    let store: any LogStore
    let clock: any WallClock
    let limits: LogLimits

    func register(loki: RouterGroup<VigilRequestContext>, v1: RouterGroup<VigilRequestContext>) {
        loki.post("push") { request, _ in
            var request = request
            let body = try await request.bytes(limit: limits.maxBodyBytes)
            let type = request.headers[.contentType]?.lowercased() ?? ""
            if let enc = request.headers[.contentEncoding]?.lowercased(), !enc.isEmpty, enc != "identity", enc != "snappy" {
                throw HTTPError(.unsupportedMediaType, message: "Content-Encoding '\(enc)' is not supported; send JSON or snappy-compressed protobuf")
            }
            let records = try decode {
                type.hasPrefix("application/json") ? try LokiPush.decodeJSON(body, limits: limits)
                    : try LokiPush.decodeProtobuf(body, limits: limits)
            }
            try await sink.accept(records)
            return Response(status: .noContent)
        }

        v1.post("logs") { request, _ in
            var request = request
            let body = try await request.bytes(limit: limits.maxBodyBytes)
            let type = request.headers[.contentType]?.lowercased() ?? "application/x-ndjson"
            let now = clock.now()
            let records: [LogRecord]
            if type.hasPrefix("text/plain") {
                var labels: LabelSet = [:]
                for (k, v) in request.uri.queryParameters { labels[String(k)] = String(v) }
                records = try decode { try JSONLines.decodeText(body, labels: labels, now: now, limits: limits) }
            } else {
                records = try decode { try JSONLines.decodeNDJSON(body, now: now, limits: limits) }
            }
            try await sink.accept(records)
            return try JSONResponse.make(["accepted": records.count])
        }
    }

    struct TemplateDTO: Encodable {
        var id: String
        var template: String
        var count: Int64
        var windowCount: Int64
        var services: [String]
        var level: String?
        var firstSeen: Date
        var lastSeen: Date
        var examples: [String]
        var mergedInto: String?
    }

    /// `GET /api/v1/log-templates?service=&since=&sort=count|novelty&limit=`
    func registerQueries(on v1: RouterGroup<VigilRequestContext>) {
        v1.get("log-templates") { request, context in
            _ = try context.require(.viewer)
            let q = LogTemplateQuery(
                service: request.uri.queryParameters.get("service"),
                since: try request.queryTime("since"),
                sort: try request.query("sort") { LogTemplateQuery.Sort(rawValue: $0) } ?? .count,
                limit: try request.queryLimit(default: 100, max: 1000))
            let items = try await store.logTemplates(q).map { s in
                TemplateDTO(id: "E\(s.template.id)", template: s.template.template, count: s.template.count,
                            windowCount: s.windowCount, services: s.services, level: s.template.level,
                            firstSeen: s.template.firstSeen, lastSeen: s.template.lastSeen, examples: s.template.examples,
                            mergedInto: s.template.mergedInto.map { "E\($0)" })
            }
            return try JSONResponse.make(["items": items])
        }
    }

    private func decode(_ body: () throws -> [LogRecord]) throws -> [LogRecord] {
        do { return try body() } catch let e as IngestError {
            throw HTTPError(.init(code: e.status), message: e.message)
        }
    }
}
