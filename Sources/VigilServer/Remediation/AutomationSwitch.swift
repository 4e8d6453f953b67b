import Foundation
import VigilCore

/// The global kill switch of automatic remediation, kept in the store so every replica and every restart sees it.
/// While paused, no policy approves a plan and no approved plan starts; people can still approve or reject, and
/// steps already running finish. Pausing and resuming are audited.
struct AutomationSwitch: Sendable {
    struct Status: Codable, Sendable, Hashable {
        var paused: Bool
        var by: String?
        var reason: String?
        var since: Date?
    }

    static let key = "automation.pause"
    let store: any Store & SettingsStore
    let clock: any WallClock

    func status() async throws -> Status {
        guard let bytes = try await store.setting(Self.key),
              let s = try? JSONDecoder().decode(Status.self, from: Data(bytes)) else { return Status(paused: false) }
        return s
    }

    func isPaused() async -> Bool { (try? await status().paused) ?? true }

    @discardableResult
    func set(paused: Bool, by actor: String, reason: String) async throws -> Status {
        let now = clock.now()
        let s = Status(paused: paused, by: actor, reason: reason, since: now)
        try await store.saveSetting(Self.key, Array(try JSONEncoder().encode(s)), at: now)
        _ = try await store.write { tx in
            try await tx.appendAudit(AuditRecord(actor: actor, action: paused ? "automation.pause" : "automation.resume",
                                                 subject: "automation", detail: reason), at: now)
        }
        return s
    }
}
