import Foundation
import VigilCore

/// Small readers for Vigil's API shapes (see the API contract in the README).
extension JSON {
    /// `id` fields may be strings or numbers; compare them as strings.
    var idString: String? {
        if let s = string { return s }
        if let n = int { return String(n) }
        return nil
    }

    var labels: [String: String] { self["labels"]?.stringMap ?? [:] }
    var groupLabels: [String: String] { self["groupLabels"]?.stringMap ?? [:] }
}

extension VigilServer {
    func incidents(_ query: String = "") async throws -> [JSON] {
        try await admin.getAllPages("/api/v1/incidents" + (query.isEmpty ? "" : "?\(query)"))
    }

    func incident(id: String) async throws -> JSON {
        try await admin.getJSON("/api/v1/incidents/\(percentEncode(id))")
    }

    func alerts(_ query: String = "") async throws -> [JSON] {
        try await admin.getAllPages("/api/v1/alerts" + (query.isEmpty ? "" : "?\(query)"))
    }

    /// Creates a silence for `alertname=NAME` lasting an hour; returns its id.
    func silence(alertname: String) async throws -> String {
        let body: JSON = [
            "matchers": [["name": "alertname", "value": .string(alertname), "isRegex": false, "isEqual": true]],
            "startsAt": .string(RFC3339.format(Date().addingTimeInterval(-60))),
            "endsAt": .string(RFC3339.format(Date().addingTimeInterval(3600))),
            "createdBy": "e2e",
            "comment": "silenced by the end-to-end tests",
        ]
        let r = try await admin.post("/api/v1/silences", json: body)
        guard r.status == 201, let id = try r.json()["id"]?.idString else {
            throw HTTPError(description: "POST /api/v1/silences: expected 201 {\"id\"}, got \(r)")
        }
        return id
    }
}

/// One value of a Prometheus text-format metric line `name{labels} value` whose label set
/// contains all of `matching` (as `key="value"` substrings); sums them when several match.
func metricValue(_ exposition: String, _ name: String, matching: [String] = []) -> Double? {
    var total: Double?
    for line in exposition.split(separator: "\n") where line.hasPrefix(name) {
        let rest = line.dropFirst(name.count)
        guard rest.first == "{" || rest.first == " " else { continue }
        guard matching.allSatisfy({ line.contains($0) }) else { continue }
        if let v = line.split(separator: " ").last.flatMap({ Double($0) }) { total = (total ?? 0) + v }
    }
    return total
}

func shortID() -> String {
    String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).lowercased()
}
