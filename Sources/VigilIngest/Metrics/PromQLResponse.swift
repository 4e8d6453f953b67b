import Foundation
import VigilCore

/// One point of a PromQL result.
public struct PromQLPoint: Sendable, Hashable {
    public var time: Date
    public var value: Double

    public init(time: Date, value: Double) {
        self.time = time
        self.value = value
    }
}

/// One series of a PromQL result: its labels (including `__name__` when kept) and its points
/// (one for an instant vector, many for a range matrix).
public struct PromQLSeries: Sendable, Hashable {
    public var labels: LabelSet
    public var points: [PromQLPoint]

    public init(labels: LabelSet, points: [PromQLPoint]) {
        self.labels = labels
        self.points = points
    }
}

/// The `data` of a Prometheus HTTP API query answer.
public enum PromQLResult: Sendable, Hashable {
    case vector([PromQLSeries])
    case matrix([PromQLSeries])
    case scalar(PromQLPoint)
    case string(time: Date, value: String)

    /// The series of a vector or matrix; empty for scalars and strings.
    public var series: [PromQLSeries] {
        switch self {
        case .vector(let s), .matrix(let s): s
        case .scalar, .string: []
        }
    }
}

/// A query Prometheus refused (`status: error`), or an answer that was not the API's shape.
public struct PromQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Prometheus's `errorType` (`bad_data`, `execution`, `timeout`, …), or `bad_response` / `http`.
    public var type: String
    public var message: String
    public var httpStatus: Int

    public init(type: String, message: String, httpStatus: Int) {
        self.type = type
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String { "prometheus \(type) (HTTP \(httpStatus)): \(message)" }
}

/// Decodes answers of `/api/v1/query` and `/api/v1/query_range`.
public enum PromQLResponse {
    struct Envelope: Decodable {
        var status: String
        var data: DataField?
        var errorType: String?
        var error: String?
        var warnings: [String]?
    }

    struct DataField: Decodable {
        var resultType: String
        var result: ResultField
    }

    enum ResultField: Decodable {
        case series([SeriesField])
        case pair(PairField)

        init(from decoder: any Decoder) throws {
            if let s = try? [SeriesField](from: decoder) { self = .series(s) } else { self = .pair(try PairField(from: decoder)) }
        }
    }

    struct SeriesField: Decodable {
        var metric: [String: String]
        var value: PairField?
        var values: [PairField]?
    }

    /// `[1435781451.781, "1"]`
    struct PairField: Decodable {
        var time: Double
        var text: String

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            time = try c.decode(Double.self)
            text = try c.decode(String.self)
        }

        func point() throws(PromQLError) -> PromQLPoint {
            guard let v = ExpositionLine.value(text) else {
                throw PromQLError(type: "bad_response", message: "sample value '\(text.prefix(40))' is not a number", httpStatus: 200)
            }
            return PromQLPoint(time: Date(timeIntervalSince1970: time), value: v)
        }
    }

    /// The result and Prometheus's warnings, or the error it answered with.
    public static func decode(status: Int, body: [UInt8]) throws(PromQLError) -> (result: PromQLResult, warnings: [String]) {
        let envelope: Envelope
        do { envelope = try JSONDecoder().decode(Envelope.self, from: Data(body)) } catch {
            let snippet = String(decoding: body.prefix(200), as: UTF8.self)
            throw PromQLError(type: (200..<300).contains(status) ? "bad_response" : "http", message: snippet, httpStatus: status)
        }
        guard envelope.status == "success", let data = envelope.data else {
            throw PromQLError(type: envelope.errorType ?? "unknown", message: envelope.error ?? "status '\(envelope.status)'",
                              httpStatus: status)
        }
        let warnings = envelope.warnings ?? []
        switch (data.resultType, data.result) {
        case ("vector", .series(let list)):
            return (.vector(try list.map { s throws(PromQLError) in
                PromQLSeries(labels: s.metric, points: try s.value.map { p throws(PromQLError) in [try p.point()] } ?? [])
            }), warnings)
        case ("matrix", .series(let list)):
            return (.matrix(try list.map { s throws(PromQLError) in
                PromQLSeries(labels: s.metric, points: try (s.values ?? []).map { p throws(PromQLError) in try p.point() })
            }), warnings)
        case ("scalar", .pair(let p)):
            return (.scalar(try p.point()), warnings)
        case ("string", .pair(let p)):
            return (.string(time: Date(timeIntervalSince1970: p.time), value: p.text), warnings)
        default:
            throw PromQLError(type: "bad_response", message: "unexpected resultType '\(data.resultType)'", httpStatus: status)
        }
    }
}
