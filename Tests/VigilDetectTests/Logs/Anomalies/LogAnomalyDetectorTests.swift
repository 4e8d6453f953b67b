import Foundation
import Testing
import VigilCore
@testable import VigilDetect

/// Drives a detector minute by minute with synthetic traffic and collects what it reports.
struct TrafficRun {
    var detector: LogAnomalyDetector
    var rng = SeededRandom(seed: 42)
    var opened: [(minute: Int, anomaly: Anomaly)] = []
    var closed: [(minute: Int, anomaly: Anomaly)] = []
    /// Midnight UTC, so minute 0 is hour 0.
    let base = Date(timeIntervalSince1970: 1_767_225_600)

    init(configuration: LogAnomalyConfiguration = .default) {
        detector = LogAnomalyDetector(configuration: configuration)
    }

    func time(_ minute: Int, _ second: Double = 0) -> Date { base.addingTimeInterval(Double(minute) * 60 + second) }

    /// A Poisson draw (Knuth for small means, normal approximation above 50).
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 50 {
            let u1 = Double(rng.next() >> 11) / Double(1 << 53), u2 = Double(rng.next() >> 11) / Double(1 << 53)
            let z = (-2 * log(max(u1, 1e-300))).squareRoot() * cos(2 * .pi * u2)
            return max(0, Int((mean + z * mean.squareRoot()).rounded()))
        }
        let limit = exp(-mean)
        var k = 0, p = 1.0
        repeat {
            k += 1
            p *= Double(rng.next() >> 11) / Double(1 << 53)
        } while p > limit
        return k - 1
    }

    /// Runs `minutes` starting at `from`; `traffic` gives each minute's observations.
    mutating func run(_ minutes: Range<Int>, _ traffic: (inout TrafficRun, Int) -> [LogObservation]) {
        for m in minutes {
            let obs = traffic(&self, m)
            detector.observe(obs, at: time(m, 1))
            let report = detector.evaluate(at: time(m, 2))
            opened += report.opened.map { (m, $0) }
            closed += report.closed.map { (m, $0) }
        }
    }

    func opened(_ kind: Anomaly.Kind) -> [(minute: Int, anomaly: Anomaly)] { opened.filter { $0.anomaly.kind == kind } }
}

@Suite struct LogAnomalyDetectorTests {
    @Test func steadyPoissonTrafficRaisesNothingForADay() {
        var run = TrafficRun()
        let rates: [Double] = [0.2, 3, 40, 400]
        run.run(0..<1440) { r, _ in
            rates.enumerated().map { i, rate in
                let lines = r.poisson(rate)
                return LogObservation(templateID: UInt32(i + 1), service: "api", lines: lines, errorLines: i == 1 ? lines : 0)
            }
        }
        #expect(run.opened.isEmpty, "\(run.opened.map { "\($0.minute) \($0.anomaly.title)" })")
        #expect(run.detector.seriesCount == 4)
    }

    @Test func aSpikeOpensWithEvidenceAndClosesWhenTheRateReturns() throws {
        var run = TrafficRun()
        let normal: (inout TrafficRun, Int) -> [LogObservation] = { r, _ in
            [LogObservation(templateID: 7, service: "checkout", host: "web-1", lines: r.poisson(10))]
        }
        run.run(0..<120, normal)
        run.run(120..<123) { r, _ in [LogObservation(templateID: 7, service: "checkout", host: "web-1", lines: r.poisson(200))] }
        run.run(123..<160, normal)
        let spikes = run.opened(.rateSpike)
        try #require(spikes.count == 1)
        let spike = spikes[0]
        #expect((121...124).contains(spike.minute))
        #expect(spike.anomaly.subject == "template:7")
        #expect(spike.anomaly.host == "web-1")
        #expect(spike.anomaly.score > 0.5)
        #expect(spike.anomaly.onset == run.time(120))
        let e = spike.anomaly.evidence
        #expect(try #require(e.observed) > 150)
        #expect(try #require(e.expected) > 30 && e.expected! < 70)
        #expect(try #require(e.pValue) < 1e-6)
        #expect(e.summary?.contains("lines in the last 5 min") == true)
        let closes = run.closed.filter { $0.anomaly.id == spike.anomaly.id }
        try #require(closes.count == 1)
        #expect(closes[0].minute > 123 && closes[0].minute < 135)
        #expect(closes[0].anomaly.resolvedAt != nil)
        #expect(run.opened(.rateDrop).isEmpty)
    }

    @Test func aBusyTemplateStoppingIsARateDropNotAHeartbeat() throws {
        var run = TrafficRun()
        run.run(0..<120) { r, _ in [LogObservation(templateID: 3, service: "queue", lines: r.poisson(50))] }
        run.run(120..<130) { _, _ in [] }
        let drops = run.opened(.rateDrop)
        try #require(drops.count == 1)
        #expect(drops[0].minute <= 122)
        #expect(drops[0].anomaly.evidence.observed! < 200)
        #expect(run.opened(.heartbeatSilent).isEmpty)
    }

    @Test func aRegularSparseTemplateGoingSilentIsAHeartbeatAnomaly() throws {
        var run = TrafficRun()
        run.run(0..<120) { _, m in m % 5 == 0 ? [LogObservation(templateID: 9, service: "backup", lines: 1)] : [] }
        #expect(run.opened.isEmpty)
        run.run(120..<150) { _, _ in [] }
        let beats = run.opened(.heartbeatSilent)
        try #require(beats.count == 1)
        // Last beat at minute 115; deadline ≈ 5 + 10 + 1 = 16 minutes of silence.
        #expect((130...134).contains(beats[0].minute))
        #expect(beats[0].anomaly.onset == run.time(116))
        #expect(beats[0].anomaly.evidence.expected.map { abs($0 - 5) < 0.5 } == true)
        run.run(150..<152) { _, _ in [LogObservation(templateID: 9, service: "backup", lines: 1)] }
        #expect(run.closed.contains { $0.anomaly.id == beats[0].anomaly.id })
    }

    @Test func anErrorShareJumpIsFlaggedPerService() throws {
        var run = TrafficRun()
        let traffic: (Double) -> (inout TrafficRun, Int) -> [LogObservation] = { errShare in
            { r, _ in
                let ok = r.poisson(100 * (1 - errShare)), bad = r.poisson(100 * errShare)
                return [LogObservation(templateID: 1, service: "pay", lines: ok),
                        LogObservation(templateID: 2, service: "pay", lines: bad, errorLines: bad)]
            }
        }
        run.run(0..<120, traffic(0.01))
        #expect(run.opened(.errorRatio).isEmpty)
        run.run(120..<126, traffic(0.3))
        let jumps = run.opened(.errorRatio)
        try #require(jumps.count == 1)
        #expect(jumps[0].anomaly.subject == "service")
        #expect(jumps[0].anomaly.severity == .error)
        #expect(jumps[0].anomaly.evidence.observed! > 0.05)
        #expect(jumps[0].anomaly.evidence.expected! < 0.03)
    }

    @Test func newTemplatesCountOnlyAfterTheLearningPeriodAndByWeight() throws {
        var run = TrafficRun()
        let new = { (id: UInt32, level: String?, text: String) in
            LogObservation(templateID: id, service: "auth", lines: 1, errorLines: 0,
                           newTemplate: .init(level: level, template: text))
        }
        run.run(0..<1) { _, _ in [new(1, "error", "db connection <*> refused")] }
        #expect(run.opened.isEmpty, "inside the learning period")
        run.run(61..<62) { _, _ in
            [new(2, "info", "user <*> logged in"), new(3, "error", "token cache corrupt at <*>"),
             new(4, nil, "upstream <*> timed out")]
        }
        let found = run.opened(.newTemplate).map(\.anomaly)
        #expect(Set(found.map(\.subject)) == ["template:3", "template:4"])
        let severe = try #require(found.first { $0.subject == "template:3" })
        #expect(severe.severity == .error)
        #expect(severe.evidence.template == "token cache corrupt at <*>")
        #expect(severe.score > 0.8)
        // They stay open for the hold period, then close.
        run.run(62..<80) { _, _ in [] }
        #expect(run.closed.filter { $0.anomaly.kind == .newTemplate }.count == 2)
    }

    @Test func theHourOfDayProfileLearnsADailyCycleButStillCatchesASpike() {
        var run = TrafficRun()
        let daily: (inout TrafficRun, Int) -> [LogObservation] = { r, m in
            let hour = (m / 60) % 24
            return [LogObservation(templateID: 5, service: "shop", lines: r.poisson((9..<18).contains(hour) ? 120 : 4))]
        }
        run.run(0..<(3 * 1440), daily)
        let learned = run.opened.count
        run.opened.removeAll()
        run.run((3 * 1440)..<(3 * 1440 + 720), daily)
        #expect(run.opened.isEmpty, "day 4 morning ramp: \(run.opened.map { "\($0.minute % 1440) \($0.anomaly.kind)" }); days 1–3 had \(learned)")
        run.run((3 * 1440 + 720)..<(3 * 1440 + 724)) { r, _ in [LogObservation(templateID: 5, service: "shop", lines: r.poisson(900))] }
        #expect(run.opened(.rateSpike).count == 1)
    }

    @Test func aRestoredDetectorWaitsForAFullWindowAfterAGap() throws {
        var run = TrafficRun()
        run.run(0..<120) { r, m in
            [LogObservation(templateID: 3, service: "queue", lines: r.poisson(50))]
                + (m % 5 == 0 ? [LogObservation(templateID: 9, service: "queue", lines: 1)] : [])
        }
        let data = try JSONEncoder().encode(run.detector)
        run.detector = try JSONDecoder().decode(LogAnomalyDetector.self, from: data)
        #expect(run.detector.seriesCount == 2)
        // Two hours later traffic resumes as before: no drop, no silence.
        run.run(240..<300) { r, m in
            [LogObservation(templateID: 3, service: "queue", lines: r.poisson(50))]
                + (m % 5 == 0 ? [LogObservation(templateID: 9, service: "queue", lines: 1)] : [])
        }
        #expect(run.opened.isEmpty, "\(run.opened.map { "\($0.minute) \($0.anomaly.title)" })")
    }

    @Test func aMergedTemplateContinuesUnderItsSurvivorWithoutADrop() {
        var run = TrafficRun()
        run.run(0..<120) { r, _ in
            [LogObservation(templateID: 1, service: "api", lines: r.poisson(30)),
             LogObservation(templateID: 2, service: "api", lines: r.poisson(30))]
        }
        run.detector.merge(2, into: 1, at: run.time(120))
        run.run(120..<180) { r, _ in [LogObservation(templateID: 1, service: "api", lines: r.poisson(60))] }
        #expect(run.opened.isEmpty, "\(run.opened.map { "\($0.minute) \($0.anomaly.title)" })")
        #expect(run.detector.seriesCount == 1)
    }

    @Test func seriesAreBoundedByTheCap() {
        var config = LogAnomalyConfiguration()
        config.maxSeries = 100
        var run = TrafficRun(configuration: config)
        run.run(0..<5) { _, m in (0..<100).map { LogObservation(templateID: UInt32(m * 100 + $0), service: "noisy", lines: 1) } }
        #expect(run.detector.seriesCount <= 110)
    }
}
