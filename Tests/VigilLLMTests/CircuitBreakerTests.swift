import Foundation
import Testing
import VigilLLM
import VigilTesting

@Suite struct CircuitBreakerTests {
    @Test func opensAfterThreeFailuresHalfOpensAfterSixtySecondsClosesAfterTwoSuccesses() {
        let clock = TestClock(now: t0)
        var breaker = CircuitBreaker()
        for _ in 0..<2 {
            let allowed = breaker.allowsRequest(now: clock.now())
            #expect(allowed)
            breaker.recordFailure(now: clock.now())
        }
        #expect(breaker.state == .closed && breaker.failures == 2)
        breaker.recordFailure(now: clock.now())
        #expect(breaker.state == .open && breaker.openedAt == t0)
        #expect(breaker.snapshot(name: "openai") == CircuitBreakerSnapshot(
            name: "openai", state: .open, failures: 3, openedAt: t0, nextAttemptAt: t0.addingTimeInterval(60)))

        clock.advance(by: 59)
        let early = breaker.allowsRequest(now: clock.now())
        #expect(!early && breaker.state == .open)
        clock.advance(by: 1)
        let onTime = breaker.allowsRequest(now: clock.now())
        #expect(onTime && breaker.state == .halfOpen)
        breaker.recordSuccess(now: clock.now())
        #expect(breaker.state == .halfOpen)
        breaker.recordSuccess(now: clock.now())
        #expect(breaker.state == .closed && breaker.failures == 0 && breaker.openedAt == nil)
    }

    @Test func anyFailureInHalfOpenReopensFromThatMoment() {
        let clock = TestClock(now: t0)
        var breaker = CircuitBreaker(settings: CircuitBreakerSettings(failureThreshold: 1, resetTimeout: 10, successThreshold: 3))
        breaker.recordFailure(now: clock.now())
        clock.advance(by: 10)
        let allowed = breaker.allowsRequest(now: clock.now())
        #expect(allowed)
        breaker.recordSuccess(now: clock.now())
        breaker.recordFailure(now: clock.now())
        #expect(breaker.state == .open && breaker.openedAt == t0.addingTimeInterval(10))
        #expect(breaker.nextAttemptAt == t0.addingTimeInterval(20))
    }

    @Test func aSuccessWhileClosedResetsTheCount() {
        var breaker = CircuitBreaker()
        breaker.recordFailure(now: t0)
        breaker.recordFailure(now: t0)
        breaker.recordSuccess(now: t0)
        breaker.recordFailure(now: t0)
        breaker.recordFailure(now: t0)
        #expect(breaker.state == .closed)
    }

    @Test func snapshotEncodesForTheAPI() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        let text = String(decoding: try encoder.encode(CircuitBreaker().snapshot(name: "ollama")), as: UTF8.self)
        #expect(text == #"{"failures":0,"name":"ollama","state":"closed"}"#)
        var open = CircuitBreaker(settings: CircuitBreakerSettings(failureThreshold: 1))
        open.recordFailure(now: t0)
        let openText = String(decoding: try encoder.encode(open.snapshot(name: "x")), as: UTF8.self)
        #expect(openText.contains(#""next_attempt_at":1700000060"#) && openText.contains(#""state":"open""#))
    }
}
