import Foundation
import Logging
import ServiceLifecycle
import VigilCore

/// Analyses incidents on its own: once an incident has been open for `debounce`, and again whenever it has
/// grown (more alerts joined) and then stayed unchanged for `debounce`. It reads the store, so several replicas
/// may run it; the stored diagnosis is simply replaced by the latest.
public struct DiagnosisService: Service {
    let analyzer: IncidentAnalyzer
    let debounce: TimeInterval
    let clock: any WallClock
    let logger: Logger

    public func run() async throws {
        await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        var analysed: [String: Int] = [:]
        let pause = Duration(timeInterval: max(1, min(debounce / 2, 10)))
        while !Task.isCancelled {
            do { try await pass(&analysed) } catch {
                logger.warning("automatic analysis failed", metadata: ["diagnosis.error": "\(error)"])
            }
            do { try await clock.sleep(for: pause) } catch { return }
        }
    }

    /// One look at the active incidents; analyses those that are due.
    func pass(_ analysed: inout [String: Int]) async throws {
        let now = clock.now()
        let active = try await analyzer.store.recentIncidents(resolvedSince: now).filter { $0.status.isActive }
        let ids = Set(active.map(\.id))
        analysed = analysed.filter { ids.contains($0.key) }
        for incident in active {
            if analysed[incident.id] == nil, let stored = try await analyzer.store.diagnosis(incidentID: incident.id) {
                analysed[incident.id] = stored.alertCount
            }
            let trigger: String
            switch analysed[incident.id] {
            case nil: trigger = "opened"
            case let count? where incident.alertCount > count: trigger = "grew"
            default: continue
            }
            guard now.timeIntervalSince(incident.updatedAt) >= debounce || now.timeIntervalSince(incident.openedAt) >= 10 * debounce
            else { continue }
            let stored = try await analyzer.analyze(incident, trigger: trigger)
            analysed[incident.id] = stored.alertCount
        }
    }
}
