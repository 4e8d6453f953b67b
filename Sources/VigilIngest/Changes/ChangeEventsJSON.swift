import Foundation
import VigilCore

/// Decodes `POST /api/v1/changes`: one change or `{"changes": [...]}`.
///
/// ```json
/// {"service": "checkout", "kind": "deploy", "description": "v2.4.1 → v2.5.0", "time": "2024-05-01T12:00:00Z"}
/// ```
///
/// `kind` is `deploy`, `config`, `scale` or `infra` (the spellings `deployment`, `release`, `rollback`,
/// `configuration`, `scaling`, `infrastructure`, `maintenance` are accepted too); `time` is RFC 3339 or Unix
/// seconds and defaults to now. Any bad change refuses the whole body with an `IngestError` naming the field.
public enum ChangeEventsJSON {
    struct Item: Decodable {
        var time: MetricsJSON.SampleTime?
        var service: String
        var kind: String
        var description: String
    }

    struct Many: Decodable { var changes: [Item] }

    public static let maxChanges = 1_000
    public static let maxDescriptionBytes = 4_096

    public static func decode(_ bytes: [UInt8], now: Date) throws(IngestError) -> [ChangeEvent] {
        let isBatch = firstKey(of: bytes) == "changes"
        let (items, prefix): ([Item], String) = isBatch
            ? (try JSONBody.decode(Many.self, from: bytes).changes, "changes")
            : ([try JSONBody.decode(Item.self, from: bytes)], "")
        guard !items.isEmpty else { throw .invalid("changes: at least one change is required") }
        guard items.count <= maxChanges else { throw .invalid("changes: \(items.count) changes, at most \(maxChanges) per request") }
        var out: [ChangeEvent] = []
        for (i, item) in items.enumerated() {
            let field = isBatch ? "\(prefix)[\(i)]." : ""
            let service = item.service.trimmingCharacters(in: .whitespaces)
            guard !service.isEmpty, service.utf8.count <= 256 else {
                throw .invalid("\(field)service: must be a non-empty name of at most 256 bytes")
            }
            guard let kind = kind(item.kind) else {
                throw .invalid("\(field)kind: '\(item.kind.prefix(40))' is not one of deploy, config, scale, infra")
            }
            let text = item.description.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .invalid("\(field)description: must not be empty") }
            guard text.utf8.count <= maxDescriptionBytes else {
                throw .invalid("\(field)description: longer than \(maxDescriptionBytes) bytes")
            }
            let time = item.time?.date ?? now
            guard time.timeIntervalSince(now) <= MetricsJSON.maxFutureSkew else {
                throw .invalid("\(field)time: more than \(Int(MetricsJSON.maxFutureSkew / 60)) minutes in the future")
            }
            out.append(ChangeEvent(time: time, service: service, kind: kind, description: text))
        }
        return out
    }

    static func kind(_ text: String) -> ChangeEvent.Kind? {
        switch text.lowercased() {
        case "deploy", "deployment", "release", "rollback": .deploy
        case "config", "configuration", "config_change": .config
        case "scale", "scaling": .scale
        case "infra", "infrastructure", "maintenance": .infra
        default: nil
        }
    }

    /// The first object key, if the body is an object (to tell `{"changes": …}` from a single change).
    static func firstKey(of bytes: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        return object["changes"] != nil ? "changes" : object.keys.first
    }
}
