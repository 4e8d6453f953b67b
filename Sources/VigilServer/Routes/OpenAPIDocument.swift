import Foundation

/// The OpenAPI 3.1 description of every route, served at `/api/v1/openapi.json`.
/// A test checks that every registered route appears here.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var tag: String
        /// `nil`: no authentication; `ingest`: ingest token when configured; else the minimum role.
        var auth: String?
        var query: [String] = []
        var body: String?
        var responses: [Int: String]
    }

    static let operations: [Operation] = [
        .init(method: "get", path: "/health", summary: "Liveness", tag: "ops", auth: nil, responses: [200: "Object"]),
        .init(method: "get", path: "/ready", summary: "Readiness: the store answers", tag: "ops", auth: nil,
              responses: [200: "Object", 503: "Error"]),
        .init(method: "get", path: "/metrics", summary: "Prometheus metrics of Vigil itself", tag: "ops", auth: nil,
              responses: [200: "Text"]),
        .init(method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "ops", auth: nil, responses: [200: "Object"]),
        .init(method: "post", path: "/api/v1/alerts/alertmanager", summary: "Alertmanager webhook receiver (payload version 4)",
              tag: "ingest", auth: "ingest", body: "AlertmanagerWebhook",
              responses: [200: "Accepted", 400: "Error", 401: "Error", 413: "Error", 422: "Error", 503: "Error"]),
        .init(method: "post", path: "/api/v2/alerts", summary: "Alertmanager API v2: post alerts (Prometheus can send here)",
              tag: "ingest", auth: "ingest", body: "PostableAlerts",
              responses: [200: "Accepted", 400: "Error", 401: "Error", 413: "Error", 422: "Error", 503: "Error"]),
        .init(method: "post", path: "/api/v1/events", summary: "Generic event (one object or a list)", tag: "ingest",
              auth: "ingest", body: "Event", responses: [200: "Accepted", 400: "Error", 413: "Error", 422: "Error"]),
        .init(method: "post", path: "/loki/api/v1/push", summary: "Loki push API: JSON or snappy-compressed protobuf",
              tag: "ingest", auth: "ingest", body: "Object",
              responses: [204: "Object", 400: "Error", 413: "Error", 415: "Error", 422: "Error"]),
        .init(method: "post", path: "/api/v1/logs", summary: "Log lines: NDJSON records, or text/plain with labels in the query",
              tag: "ingest", auth: "ingest", body: "Object", responses: [200: "Accepted", 400: "Error", 413: "Error", 422: "Error"]),
        .init(method: "get", path: "/api/v1/log-templates", summary: "Mined log templates with counts and examples",
              tag: "logs", auth: "viewer", query: ["service", "since", "sort", "limit"], responses: [200: "Object", 400: "Error"]),
        .init(method: "get", path: "/api/v1/anomalies", summary: "Anomalies found in logs and metrics, newest first",
              tag: "anomalies", auth: "viewer", query: ["source", "kind", "service", "since", "until", "open", "limit"],
              responses: [200: "Object", 400: "Error", 401: "Error"]),
        .init(method: "post", path: "/api/v1/metrics", summary: "Metric samples (JSON: name, labels, value, time); all or nothing",
              tag: "ingest", auth: "ingest", body: "Object", responses: [200: "Accepted", 400: "Error", 413: "Error", 422: "Error"]),
        .init(method: "get", path: "/api/v1/metrics/series", summary: "Stored metric series; other query parameters match labels",
              tag: "metrics", auth: "viewer", query: ["name", "limit"], responses: [200: "Object", 400: "Error"]),
        .init(method: "get", path: "/api/v1/metrics/query_range",
              summary: "One series' history: raw samples or 5m/1h rollups, optionally merged into steps",
              tag: "metrics", auth: "viewer", query: ["series", "start", "end", "step", "resolution"],
              responses: [200: "Object", 400: "Error"]),
        .init(method: "get", path: "/api/v1/automation/rules", summary: "Automation rules with their state",
              tag: "automation", auth: "viewer", responses: [200: "Object"]),
        .init(method: "post", path: "/api/v1/automation/rules", summary: "Create a rule (condition parsed first; errors give line and column)",
              tag: "automation", auth: "admin", body: "Object", responses: [201: "Object", 409: "Error", 422: "Error"]),
        .init(method: "get", path: "/api/v1/automation/rules/{id}", summary: "One rule", tag: "automation", auth: "viewer",
              responses: [200: "Object", 404: "Error"]),
        .init(method: "put", path: "/api/v1/automation/rules/{id}", summary: "Replace a rule", tag: "automation", auth: "admin",
              body: "Object", responses: [200: "Object", 422: "Error"]),
        .init(method: "delete", path: "/api/v1/automation/rules/{id}", summary: "Delete a rule", tag: "automation",
              auth: "admin", responses: [200: "Object", 404: "Error"]),
        .init(method: "post", path: "/api/v1/automation/rules/{id}/test",
              summary: "Replay a rule over recent history (?window=1h) and evaluate it now, without acting", tag: "automation", auth: "operator",
              responses: [200: "Object", 404: "Error"]),
        .init(method: "get", path: "/api/v1/ai/analytics/decisions", summary: "Rule decisions, newest first",
              tag: "automation", auth: "viewer", query: ["rule", "since", "limit"], responses: [200: "Object", 400: "Error"]),
        .init(method: "get", path: "/api/v1/predictions",
              summary: "Forecasts of series with a limit: time to exhaustion with an 80% interval", tag: "automation",
              auth: "viewer", responses: [200: "Object"]),
        .init(method: "post", path: "/api/v1/changes",
              summary: "Record change events (deploy, config, scale, infra): one object or {\"changes\": [...]}; 201 after commit",
              tag: "diagnosis", auth: "ingest", body: "Object", responses: [201: "Object", 400: "Error", 413: "Error", 422: "Error"]),
        .init(method: "get", path: "/api/v1/changes", summary: "Change events, newest first", tag: "diagnosis", auth: "viewer",
              query: ["since", "until", "service", "limit"], responses: [200: "Object", 400: "Error"]),
        .init(method: "post", path: "/api/v1/incidents/{id}/analyze",
              summary: "Diagnose an incident now: ranked root causes with calibrated confidence and evidence", tag: "diagnosis",
              auth: "operator", responses: [200: "Object", 404: "Error"]),
        .init(method: "get", path: "/api/v1/incidents/{id}/diagnosis",
              summary: "The incident's latest diagnosis; `explanation` says whether a model or Vigil's rules wrote the text",
              tag: "diagnosis", auth: "viewer", responses: [200: "Object", 404: "Error"]),
        .init(method: "get", path: "/api/v1/circuit-breakers",
              summary: "Every language-model provider's circuit breaker: state, failures, next attempt", tag: "insights",
              auth: "viewer", responses: [200: "Object"]),
        .init(method: "get", path: "/api/v1/ai/insights/current",
              summary: "Open incidents with their likely root cause, open anomalies, predicted issues", tag: "insights",
              auth: "viewer", responses: [200: "Object"]),
        .init(method: "get", path: "/api/v1/ai/predictions/issues", summary: "Forecast exhaustion, soonest first",
              tag: "insights", auth: "viewer", responses: [200: "Object"]),
        .init(method: "get", path: "/api/v1/ai/recommendations/optimization",
              summary: "Capacity, idle hosts and noisy alerts from the last 24 h", tag: "insights", auth: "viewer",
              responses: [200: "Object"]),
        .init(method: "get", path: "/api/v1/plans", summary: "Remediation plans, newest first", tag: "plans", auth: "viewer",
              query: ["status", "incident", "limit"], responses: [200: "Object", 400: "Error"]),
        .init(method: "get", path: "/api/v1/plans/{id}",
              summary: "One plan: steps, dry-run diff, validation, approvals, history, execution log", tag: "plans",
              auth: "viewer", responses: [200: "Object", 404: "Error"]),
        .init(method: "post", path: "/api/v1/plans/{id}/approve",
              summary: "Approve a plan (idempotent; destructive plans may need two approvers)", tag: "plans", auth: "operator",
              body: "Object", responses: [200: "Object", 403: "Error", 404: "Error", 409: "Error", 410: "Error"]),
        .init(method: "post", path: "/api/v1/plans/{id}/reject", summary: "Reject a plan with a reason (idempotent)",
              tag: "plans", auth: "operator", body: "Object", responses: [200: "Object", 404: "Error", 409: "Error", 422: "Error"]),
        .init(method: "post", path: "/api/v1/incidents/{id}/plan",
              summary: "Propose a plan from the incident's diagnosis (validated and dry-run before anyone is asked)",
              tag: "plans", auth: "operator", responses: [200: "Object", 201: "Object", 404: "Error", 409: "Error", 422: "Error"]),
        .init(method: "get", path: "/api/v1/automation/status", summary: "Whether automatic remediation is paused",
              tag: "plans", auth: "viewer", responses: [200: "Object"]),
        .init(method: "post", path: "/api/v1/automation/pause",
              summary: "Kill switch: no automatic approvals and no plan starts until resumed", tag: "plans", auth: "operator",
              body: "Object", responses: [200: "Object"]),
        .init(method: "post", path: "/api/v1/automation/resume", summary: "Resume automatic remediation", tag: "plans",
              auth: "admin", body: "Object", responses: [200: "Object"]),
        .init(method: "get", path: "/api/v1/alerts", summary: "Stored alerts, newest first", tag: "alerts", auth: "viewer",
              query: ["status", "fingerprint", "alertname", "service", "incident", "since", "until", "limit", "cursor"],
              responses: [200: "AlertPage", 400: "Error", 401: "Error"]),
        .init(method: "get", path: "/api/v1/incidents", summary: "Incidents, most recently opened first", tag: "incidents",
              auth: "viewer", query: ["status", "severity", "service", "since", "until", "limit", "cursor"],
              responses: [200: "IncidentPage", 400: "Error", 401: "Error"]),
        .init(method: "get", path: "/api/v1/incidents/{id}", summary: "One incident with its alerts and timeline",
              tag: "incidents", auth: "viewer", responses: [200: "IncidentDetail", 404: "Error"]),
        .init(method: "post", path: "/api/v1/incidents/{id}/acknowledge", summary: "Acknowledge (idempotent)",
              tag: "incidents", auth: "operator", responses: [200: "Incident", 403: "Error", 404: "Error", 409: "Error"]),
        .init(method: "post", path: "/api/v1/incidents/{id}/resolve", summary: "Resolve by hand (idempotent)",
              tag: "incidents", auth: "operator", responses: [200: "Incident", 403: "Error", 404: "Error"]),
        .init(method: "get", path: "/api/v1/silences", summary: "Active and pending silences", tag: "silences",
              auth: "viewer", query: ["expired"], responses: [200: "Object"]),
        .init(method: "post", path: "/api/v1/silences", summary: "Create a silence", tag: "silences", auth: "operator",
              body: "SilenceInput", responses: [201: "Object", 400: "Error", 403: "Error", 422: "Error"]),
        .init(method: "get", path: "/api/v1/silences/{id}", summary: "One silence", tag: "silences", auth: "viewer",
              responses: [200: "Silence", 404: "Error"]),
        .init(method: "delete", path: "/api/v1/silences/{id}", summary: "Expire a silence", tag: "silences",
              auth: "operator", responses: [200: "Silence", 404: "Error"]),
        .init(method: "get", path: "/api/v1/audit", summary: "The hash-chained audit log", tag: "admin", auth: "admin",
              query: ["after", "limit"], responses: [200: "Object", 403: "Error"]),
        .init(method: "get", path: "/api/v1/keys", summary: "API keys (never their secrets)", tag: "admin", auth: "admin",
              responses: [200: "Object", 403: "Error"]),
        .init(method: "post", path: "/api/v1/keys", summary: "Create an API key; the secret is shown once", tag: "admin",
              auth: "admin", body: "KeyInput", responses: [201: "Object", 403: "Error", 422: "Error"]),
        .init(method: "delete", path: "/api/v1/keys/{id}", summary: "Revoke an API key", tag: "admin", auth: "admin",
              responses: [200: "Object", 404: "Error"]),
    ]

    static func json() -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var o: [String: Any] = ["summary": op.summary, "tags": [op.tag], "operationId": op.method + op.path
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")]
            var params: [[String: Any]] = op.query.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
            if op.path.contains("{id}") { params.append(["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]) }
            if !params.isEmpty { o["parameters"] = params }
            if let auth = op.auth {
                o["security"] = [["bearer": []]]
                o["x-vigil-role"] = auth
            } else {
                o["security"] = [] as [Any]
            }
            if let body = op.body {
                o["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            var responses: [String: Any] = [:]
            for (code, schema) in op.responses {
                let type = schema == "Text" ? "text/plain" : "application/json"
                let s: [String: Any] = schema == "Text" ? ["type": "string"] : ["$ref": "#/components/schemas/\(schema)"]
                responses[String(code)] = ["description": HTTPStatusText.reason(code), "content": [type: ["schema": s]]]
            }
            o["responses"] = responses
            paths[op.path, default: [:]][op.method] = o
        }
        let doc: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Vigil API", "version": "1", "description": "Self-hosted AIOps: alerts in, incidents out."],
            "paths": paths,
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]], "schemas": schemas],
        ]
        return (try? Array(JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys]))) ?? []
    }

    static var labels: [String: Any] { ["type": "object", "additionalProperties": ["type": "string"]] }
    static var time: [String: Any] { ["type": "string", "format": "date-time"] }

    static var schemas: [String: Any] {
        let alert: [String: Any] = ["type": "object", "required": ["fingerprint", "status", "labels"], "properties": [
            "id": ["type": "integer"], "fingerprint": ["type": "string"], "status": ["enum": ["firing", "resolved", "suppressed"]],
            "labels": labels, "annotations": labels, "startsAt": time, "endsAt": ["type": ["string", "null"]],
            "incidentId": ["type": ["string", "null"]], "silencedBy": ["type": "array", "items": ["type": "string"]],
            "inhibitedBy": ["type": "array", "items": ["type": "string"]]]]
        let incident: [String: Any] = ["type": "object", "required": ["id", "title", "status", "severity"], "properties": [
            "id": ["type": "string"], "title": ["type": "string"],
            "status": ["enum": ["open", "acknowledged", "mitigating", "resolved"]],
            "severity": ["enum": ["info", "warning", "error", "critical"]], "groupKey": ["type": "string"],
            "groupLabels": labels, "openedAt": time, "resolvedAt": ["type": ["string", "null"]], "alertCount": ["type": "integer"]]]
        let postable: [String: Any] = ["type": "object", "required": ["labels"], "properties": [
            "labels": labels, "annotations": labels, "startsAt": time, "endsAt": time, "generatorURL": ["type": "string"]]]
        return [
            "Error": ["type": "object", "required": ["error"], "properties": [
                "error": ["type": "object", "required": ["message"], "properties": ["message": ["type": "string"]]]]],
            "Object": ["type": "object"],
            "Accepted": ["type": "object", "properties": ["accepted": ["type": "integer"]]],
            "Alert": alert, "Incident": incident,
            "AlertPage": ["type": "object", "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/Alert"]],
                                                            "nextCursor": ["type": ["string", "null"]]]],
            "IncidentPage": ["type": "object", "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/Incident"]],
                                                               "nextCursor": ["type": ["string", "null"]]]],
            "IncidentDetail": ["allOf": [["$ref": "#/components/schemas/Incident"], ["type": "object", "properties": [
                "alerts": ["type": "array", "items": ["$ref": "#/components/schemas/Alert"]],
                "timeline": ["type": "array", "items": ["type": "object"]]]]]],
            "PostableAlerts": ["type": "array", "items": postable],
            "AlertmanagerWebhook": ["type": "object", "required": ["alerts"], "properties": [
                "version": ["const": "4"], "status": ["type": "string"],
                "alerts": ["type": "array", "items": ["allOf": [postable, ["type": "object", "required": ["status"],
                                                                           "properties": ["status": ["enum": ["firing", "resolved"]]]]]]]]],
            "Event": ["type": "object", "required": ["title"], "properties": [
                "title": ["type": "string"], "severity": ["enum": ["info", "warning", "error", "critical"]],
                "source": ["type": "string"], "labels": labels, "annotations": labels, "time": time,
                "status": ["enum": ["firing", "resolved"]]]],
            "Silence": ["type": "object", "properties": ["id": ["type": "string"], "matchers": ["type": "array"],
                                                         "startsAt": time, "endsAt": time, "status": ["type": "string"]]],
            "SilenceInput": ["type": "object", "required": ["matchers"], "properties": [
                "matchers": ["type": "array", "items": ["oneOf": [["type": "string"], ["type": "object", "properties": [
                    "name": ["type": "string"], "value": ["type": "string"], "isRegex": ["type": "boolean"],
                    "isEqual": ["type": "boolean"]]]]]],
                "startsAt": time, "endsAt": time, "duration": ["type": "string"], "createdBy": ["type": "string"],
                "comment": ["type": "string"]]],
            "KeyInput": ["type": "object", "required": ["name", "role"], "properties": [
                "name": ["type": "string"], "role": ["enum": ["viewer", "operator", "admin"]]]],
        ]
    }
}

enum HTTPStatusText {
    static func reason(_ code: Int) -> String {
        switch code {
        case 200: "OK"
        case 201: "Created"
        case 400: "Bad request"
        case 401: "Unauthenticated"
        case 403: "Forbidden"
        case 404: "Not found"
        case 409: "Conflict"
        case 413: "Body too large"
        case 422: "Invalid fields"
        case 429: "Rate limited"
        case 503: "Unavailable"
        default: "Status \(code)"
        }
    }
}
