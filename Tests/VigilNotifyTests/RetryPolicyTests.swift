import Foundation
import Testing
import VigilCore
import VigilTesting
@testable import VigilNotify

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, initialBackoff: 2, maxBackoff: 10)
    let now = Fixtures.epoch

    func item() -> OutboxItem {
        let inc = Incident(id: "inc_1", title: "t", groupKey: "{}", groupLabels: [:], severity: .error, openedAt: now)
        return OutboxItem(channel: "hook", notification: IncidentNotification(kind: .opened, incident: inc, alerts: [], time: now),
                          createdAt: now)
    }

    @Test func backoffDoublesWithinJitterAndCaps() {
        for attempt in 1...6 {
            let full = min(10, 2 * pow(2, Double(attempt - 1)))
            #expect(policy.backoff(afterAttempt: attempt, unit: 0) == full / 2)
            #expect(policy.backoff(afterAttempt: attempt, unit: 1) == full)
            #expect(policy.backoff(afterAttempt: attempt, unit: 0.5) == full * 0.75)
        }
    }

    @Test func retryableFailureReschedulesThenDies() {
        var i = item()
        for n in 1...3 {
            i = policy.failed(i, error: NotifyError("HTTP 503", retryable: true), now: now, unit: 1)
            #expect(i.state == .pending)
            #expect(i.attempts == n)
            #expect(i.nextAttemptAt > now)
        }
        i = policy.failed(i, error: NotifyError("HTTP 503", retryable: true), now: now, unit: 1)
        #expect(i.state == .dead)
        #expect(i.lastError == "HTTP 503")
    }

    @Test func permanentFailureDiesAtOnceAndRetryAfterIsHonoured() {
        let dead = policy.failed(item(), error: NotifyError("HTTP 404", retryable: false), now: now, unit: 0)
        #expect(dead.state == .dead)
        #expect(dead.attempts == 1)
        let later = policy.failed(item(), error: NotifyError("429", retryable: true, retryAfter: 120), now: now, unit: 0)
        #expect(later.nextAttemptAt == now.addingTimeInterval(120))
    }
}
