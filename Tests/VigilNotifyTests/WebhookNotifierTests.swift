import Foundation
import Testing
import VigilCore
import VigilTesting
@testable import VigilNotify

@Suite struct WebhookNotifierTests {
    let now = Fixtures.epoch
    let secretURL = "https://hooks.example.org/T0KEN-s3cr3t/path?key=sup3r"
    let secretHeader = "Bearer hunter2-token"

    func notification(_ kind: IncidentNotification.Kind = .opened, severity: Severity = .critical) -> IncidentNotification {
        var inc = Incident(id: "inc_9", title: "HighLatency on checkout", groupKey: "{alertname=\"HighLatency\"}",
                           groupLabels: ["alertname": "HighLatency"], severity: severity, openedAt: now)
        inc.alertCount = 1
        return IncidentNotification(kind: kind, incident: inc, alerts: [Fixtures.alert("HighLatency", ["service": "checkout"])],
                                    time: now)
    }

    func notifier(_ t: RecordingTransport, sendResolved: Bool = true, min: Severity = .info) -> WebhookNotifier {
        WebhookNotifier(config: .init(name: "ops", url: secretURL, headers: ["Authorization": secretHeader],
                                      sendResolved: sendResolved, minSeverity: min), transport: t)
    }

    @Test func postsTheDocumentedPayload() async throws {
        let t = RecordingTransport()
        try await notifier(t).notify(notification())
        let req = try #require(t.requests.first)
        #expect(req.method == "POST")
        #expect(req.url == secretURL)
        #expect(req.headers.contains { $0.0 == "Authorization" && $0.1 == secretHeader })
        #expect(req.headers.contains { $0.0 == "Content-Type" && $0.1 == "application/json" })
        let body = try #require(try JSONSerialization.jsonObject(with: Data(req.body)) as? [String: Any])
        #expect(body["event"] as? String == "incident.opened")
        #expect(body["dedupKey"] as? String == "vigil-inc_9")
        let incident = try #require(body["incident"] as? [String: Any])
        #expect(incident["id"] as? String == "inc_9")
        #expect(incident["severity"] as? String == "critical")
        let alerts = try #require(body["alerts"] as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect((alerts[0]["labels"] as? [String: String])?["service"] == "checkout")
        #expect(alerts[0]["fingerprint"] as? String == Fixtures.alert("HighLatency", ["service": "checkout"]).fingerprint.description)
    }

    @Test func classifiesFailuresWithoutLeakingSecrets() async throws {
        let cases: [(Result<HTTPResponseSpec, RecordingTransport.TransportFailure>, Bool)] = [
            (.success(HTTPResponseSpec(status: 503)), true),
            (.success(HTTPResponseSpec(status: 429, headers: ["Retry-After": "30"])), true),
            (.success(HTTPResponseSpec(status: 400)), false),
            (.success(HTTPResponseSpec(status: 401)), false),
            (.failure(RecordingTransport.TransportFailure()), true),
        ]
        for (answer, retryable) in cases {
            let t = RecordingTransport()
            t.enqueue(answer)
            do {
                try await notifier(t).notify(notification())
                Issue.record("expected a failure for \(answer)")
            } catch {
                #expect(error.retryable == retryable)
                for secret in ["T0KEN-s3cr3t", "sup3r", "hunter2", secretURL] {
                    #expect(!error.message.contains(secret), "error message leaks a secret: \(error.message)")
                }
                if case .success(let r) = answer, r.status == 429 { #expect(error.retryAfter == 30) }
            }
        }
    }

    @Test func routesBySeverityAndResolvedSetting() {
        let t = RecordingTransport()
        #expect(notifier(t, min: .error).accepts(notification(severity: .critical)))
        #expect(!notifier(t, min: .error).accepts(notification(severity: .warning)))
        #expect(!notifier(t, sendResolved: false).accepts(notification(.resolved)))
        #expect(notifier(t, sendResolved: true).accepts(notification(.resolved)))
        let registry = NotifierRegistry([notifier(t, min: .error), RecordingNotifier(name: "all")])
        #expect(registry.items(for: notification(severity: .warning)).map(\.channel) == ["all"])
        #expect(registry.items(for: notification(severity: .critical)).map(\.channel) == ["ops", "all"])
    }
}
