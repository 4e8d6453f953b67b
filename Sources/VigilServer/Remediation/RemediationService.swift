import Foundation
import Logging
import ServiceLifecycle
import VigilCore

/// The remediation loop: every `interval` it expires overdue approvals, verifies plans whose window has passed,
/// and starts approved plans (each in its own task, so a long playbook does not hold up the others). A graceful
/// shutdown stops the loop; steps already running are cancelled with their processes.
public struct RemediationService: Service {
    let plans: PlanService
    let interval: Duration
    let clock: any WallClock
    let logger: Logger

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    do {
                        for id in try await plans.due() {
                            group.addTask { await plans.execute(id) }
                        }
                    } catch {
                        logger.warning("remediation loop failed", metadata: ["remediation.error": "\(error)"])
                    }
                    do { try await clock.sleep(for: interval) } catch { break }
                }
                group.cancelAll()
            }
        }
    }
}
