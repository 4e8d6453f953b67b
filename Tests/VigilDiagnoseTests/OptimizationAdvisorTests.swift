import Foundation
import Testing
import VigilCore
import VigilDiagnose

@Suite struct OptimizationAdvisorTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    typealias S = OptimizationAdvisor.SeriesStats

    @Test func fullFilesystemsAndMemoryPressureComeFirstAndHealthyHostsSayNothing() {
        let series = [
            S(name: "host_filesystem_used_ratio", labels: ["host": "db-1", "mountpoint": "/var"], mean: 0.9, max: 0.97, last: 0.97,
              span: 86_400),
            S(name: "host_filesystem_used_ratio", labels: ["host": "db-1", "mountpoint": "/"], mean: 0.4, max: 0.41, last: 0.41,
              span: 86_400),
            S(name: "host_filesystem_inodes_used_ratio", labels: ["host": "web-1", "mountpoint": "/tmp"], mean: 0.8, max: 0.88,
              last: 0.88, span: 86_400),
            S(name: "host_memory_used_ratio", labels: ["host": "web-1"], mean: 0.91, max: 0.99, last: 0.9, span: 86_400),
            S(name: "host_cpu_busy_ratio", labels: ["host": "web-1"], mean: 0.5, max: 0.9, last: 0.5, span: 86_400),
        ]
        let advice = OptimizationAdvisor().advise(series: series, episodes: [], window: 86_400, now: now)
        #expect(advice.map(\.target) == ["db-1:/var", "web-1", "web-1:/tmp"])
        #expect(advice.map(\.priority) == [.high, .high, .medium])
        #expect(advice[0].title.contains("97%"))
    }

    @Test func anIdleHostNeedsHoursOfEvidence() {
        let idle = S(name: "host_cpu_busy_ratio", labels: ["host": "spare"], mean: 0.02, max: 0.1, last: 0.01, span: 86_400)
        var young = idle
        young.span = 1800
        let advisor = OptimizationAdvisor()
        #expect(advisor.advise(series: [idle], episodes: [], window: 86_400, now: now).map(\.kind) == ["idle"])
        #expect(advisor.advise(series: [young], episodes: [], window: 86_400, now: now).isEmpty)
    }

    @Test func flappingAndStuckAlertsAreNamed() {
        var episodes = (0..<8).map { i in
            OptimizationAdvisor.AlertEpisode(name: "DiskLatency", startsAt: now.addingTimeInterval(Double(-i) * 3600),
                                             endsAt: now.addingTimeInterval(Double(-i) * 3600 + 120))
        }
        episodes.append(.init(name: "WatchdogMissing", startsAt: now.addingTimeInterval(-86_000), endsAt: nil))
        // Long episodes are not flapping, however many.
        episodes += (0..<8).map { i in
            .init(name: "NightlyBackup", startsAt: now.addingTimeInterval(Double(-i) * 3000), endsAt: now.addingTimeInterval(Double(-i) * 3000 + 2400))
        }
        let advice = OptimizationAdvisor().advise(series: [], episodes: episodes, window: 86_400, now: now)
        #expect(advice.map(\.kind) == ["alert_noise", "alert_stuck"])
        #expect(advice[0].target == "DiskLatency" && advice[0].title.contains("8 times"))
        #expect(advice[1].target == "WatchdogMissing")
    }
}
