import Foundation
import VigilCore
import Testing

extension EndToEnd {
    /// Real Prometheus evaluates a rule that the test toggles; it sends the alert both to a
    /// real Alertmanager (which forwards it to Vigil's webhook endpoint) and to Vigil's
    /// `/api/v2/alerts` directly.
    @Suite(
        "Real Prometheus + Alertmanager → Vigil",
        .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"),
        .serialized, .timeLimit(.minutes(5)))
    struct PrometheusAlertmanager {
        struct Stack {
            let workspace: Workspace
            let vigil: VigilServer
            let alertmanager: AlertmanagerPeer
            let prometheus: PrometheusPeer
            var diagnostics: @Sendable () -> String { { [workspace] in workspace.diagnostics() } }
        }

        /// Vigil first (both peers deliver to it), then Alertmanager, then Prometheus
        /// pointing at both. The rule starts switched off.
        static func startStack(_ ws: Workspace, alertName: String) async throws -> Stack {
            let vigil = try await VigilServer.start(in: ws)
            let am = try await AlertmanagerPeer.start(
                in: ws, webhookURL: "\(vigil.baseURL)/api/v1/alerts/alertmanager")
            let prom = try await PrometheusPeer.start(
                in: ws, alertName: alertName, alertmanagers: [am.address, "127.0.0.1:\(vigil.port)"])
            return Stack(workspace: ws, vigil: vigil, alertmanager: am, prometheus: prom)
        }

        /// Waits until Alertmanager has delivered at least `count` webhook notifications, and
        /// checks that none failed (a failure means Vigil's webhook endpoint answered non-2xx).
        static func webhookDelivered(_ s: Stack, atLeast count: Double = 1) async throws {
            _ = try await eventually(
                "Alertmanager delivered ≥\(Int(count)) webhook notification(s)", timeout: .seconds(60),
                diagnostics: s.diagnostics
            ) { () async throws -> Bool? in
                let metrics = try await s.alertmanager.api.get("/metrics").text
                let failed = metricValue(metrics, "alertmanager_notifications_failed_total", matching: ["integration=\"webhook\""]) ?? 0
                if failed > 0 {
                    throw HTTPError(description: "Alertmanager → Vigil webhook failed \(Int(failed)) time(s) (see alertmanager log)")
                }
                let sent = metricValue(metrics, "alertmanager_notifications_total", matching: ["integration=\"webhook\""]) ?? 0
                return sent >= count ? true : nil
            }
        }

        /// Prometheus's own count of failed sends to Vigil's `/api/v2/alerts`.
        static func prometheusErrorsToVigil(_ s: Stack) async throws -> (sent: Double, errors: Double) {
            let metrics = try await s.prometheus.api.get("/metrics").text
            let target = "alertmanager=\"http://127.0.0.1:\(s.vigil.port)/api/v2/alerts\""
            return (
                metricValue(metrics, "prometheus_notifications_sent_total", matching: [target]) ?? 0,
                metricValue(metrics, "prometheus_notifications_errors_total", matching: [target]) ?? 0
            )
        }

        @Test("an incident opens with Alertmanager's fingerprint and resolves when the rule stops firing")
        func incidentLifecycle() async throws {
            let ws = try Workspace("prom-am")
            defer { ws.close() }
            let alertName = "E2EToggle\(shortID())"
            let s = try await Self.startStack(ws, alertName: alertName)
            let vigil = s.vigil

            try s.prometheus.setFiring(true)

            // 1. An incident opens, grouped by alertname (+ service), status open.
            let opened = try await eventually(
                "an open incident for \(alertName)", timeout: .seconds(60), diagnostics: s.diagnostics
            ) { () async throws -> JSON? in
                try await vigil.incidents("status=open").first { $0.groupLabels["alertname"] == alertName }
            }
            #expect(opened["status"]?.string == "open")
            #expect(opened.groupLabels["service"] == "e2e")
            let incidentID = try #require(opened["id"]?.idString, "incident has no id: \(opened)")

            // 2. It contains the alert.
            let detail = try await vigil.incident(id: incidentID)
            let alertsInIncident = detail["alerts"]?.array ?? []
            let vigilAlert = try #require(
                alertsInIncident.first { $0.labels["alertname"] == alertName },
                "incident \(incidentID) does not contain \(alertName): \(detail)")
            #expect(vigilAlert.labels["severity"] == "critical")
            #expect(vigilAlert.labels["job"] == "toggle")

            // 3. Its fingerprint is the one Alertmanager computed for the same alert.
            let amAlert = try await eventually(
                "Alertmanager holds \(alertName)", timeout: .seconds(30), diagnostics: s.diagnostics
            ) { () async throws -> JSON? in
                try await s.alertmanager.alerts().first { $0.labels["alertname"] == alertName }
            }
            let amFingerprint = try #require(amAlert["fingerprint"]?.string)
            #expect(vigilAlert["fingerprint"]?.string == amFingerprint,
                    "Vigil fingerprint \(vigilAlert["fingerprint"]?.description ?? "nil") ≠ Alertmanager's \(amFingerprint) for labels \(vigilAlert.labels)")

            // 4. The same alert arrived twice (Prometheus direct + Alertmanager webhook): one alert, one incident.
            try await Self.webhookDelivered(s)
            let sends = try await Self.prometheusErrorsToVigil(s)
            #expect(sends.errors == 0, "Prometheus failed \(Int(sends.errors)) of \(Int(sends.sent)) sends to Vigil's /api/v2/alerts")
            let stored = try await vigil.alerts("alertname=\(alertName)")
            #expect(stored.count == 1, "expected one stored alert for \(alertName) (deduplicated by fingerprint), got \(stored.count): \(stored)")
            #expect(stored.first?["fingerprint"]?.string == amFingerprint)
            #expect(stored.first?["status"]?.string == "firing")
            #expect(stored.first?["incidentId"]?.idString == incidentID)
            let openForName = try await vigil.incidents("status=open").filter { $0.groupLabels["alertname"] == alertName }
            #expect(openForName.count == 1, "expected exactly one open incident, got \(openForName)")
            let again = try await vigil.incident(id: incidentID)
            #expect(again["alertCount"]?.int == 1, "alertCount: \(again["alertCount"]?.description ?? "nil")")

            // 5. The rule stops firing → Prometheus (and Alertmanager) send it resolved → incident resolved.
            try s.prometheus.setFiring(false)
            let resolved = try await eventually(
                "incident \(incidentID) resolved", timeout: .seconds(60), diagnostics: s.diagnostics
            ) { () async throws -> JSON? in
                let inc = try await vigil.incident(id: incidentID)
                return inc["status"]?.string == "resolved" ? inc : nil
            }
            #expect(resolved["resolvedAt"]?.string.flatMap { RFC3339.parse($0) } != nil,
                    "resolved incident has no RFC 3339 resolvedAt: \(resolved)")
            let resolvedAlert = try await eventually(
                "alert \(alertName) resolved", timeout: .seconds(30), diagnostics: s.diagnostics
            ) { () async throws -> JSON? in
                try await vigil.alerts("alertname=\(alertName)").first { $0["status"]?.string == "resolved" }
            }
            #expect(resolvedAlert["fingerprint"]?.string == amFingerprint)
            let stillOpen = try await vigil.incidents("status=open").filter { $0.groupLabels["alertname"] == alertName }
            #expect(stillOpen.isEmpty, "incidents still open after resolution: \(stillOpen)")
        }

        @Test("a Vigil silence stores the alert as suppressed and opens no incident")
        func silenceSuppresses() async throws {
            let ws = try Workspace("silence")
            defer { ws.close() }
            let alertName = "E2ESilenced\(shortID())"
            let s = try await Self.startStack(ws, alertName: alertName)
            let vigil = s.vigil

            let silenceID = try await vigil.silence(alertname: alertName)
            try s.prometheus.setFiring(true)

            // Stored, with status suppressed, naming the silence.
            let suppressed = try await eventually(
                "alert \(alertName) stored as suppressed", timeout: .seconds(60), diagnostics: s.diagnostics
            ) { () async throws -> JSON? in
                try await vigil.alerts("alertname=\(alertName)").first
            }
            #expect(suppressed["status"]?.string == "suppressed", "status: \(suppressed)")
            let silencedBy = (suppressed["silencedBy"]?.array ?? []).compactMap(\.idString)
            #expect(silencedBy.contains(silenceID), "silencedBy \(silencedBy) lacks silence \(silenceID)")
            let bySuppressedFilter = try await vigil.alerts("status=suppressed").filter { $0.labels["alertname"] == alertName }
            #expect(bySuppressedFilter.count == 1, "GET /api/v1/alerts?status=suppressed: \(bySuppressedFilter)")

            // Both delivery paths have arrived (Alertmanager knows nothing of Vigil's silence).
            try await Self.webhookDelivered(s)
            _ = try await eventually("Prometheus sent ≥3 batches to Vigil", timeout: .seconds(30), diagnostics: s.diagnostics) {
                () async throws -> Bool? in
                try await Self.prometheusErrorsToVigil(s).sent >= 3 ? true : nil
            }

            // …and still no incident, for a few more evaluation rounds.
            try await consistently("no incident for silenced \(alertName)", for: .seconds(4)) {
                let all = try await vigil.incidents().filter { $0.groupLabels["alertname"] == alertName }
                if !all.isEmpty { return "incidents: \(all)" }
                let alerts = try await vigil.alerts("alertname=\(alertName)")
                if let a = alerts.first(where: { $0["status"]?.string != "suppressed" }) { return "alert not suppressed: \(a)" }
                if let a = alerts.first(where: { !($0["incidentId"]?.isNull ?? true) }) { return "alert attached to an incident: \(a)" }
                return nil
            }
            let errors = try await Self.prometheusErrorsToVigil(s).errors
            #expect(errors == 0, "Prometheus → Vigil send errors: \(errors)")
        }
    }
}
