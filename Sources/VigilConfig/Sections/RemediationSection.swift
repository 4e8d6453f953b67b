import Foundation
import VigilCore
import VigilRemediate

/// `remediation:` — runbooks and approvals.
public struct RemediationSection: Decodable, Sendable, Hashable {
    /// Directories of runbook files, read by `RunbookLoader` when the server starts (and by `vigil check-config`).
    public var runbookDirs = ["runbooks"]
    /// How long a plan waits for approval before it expires.
    public var approvalExpiry = ConfigDuration(seconds: PlanRun.defaultExpiry)
    /// Distinct approvers a destructive plan needs.
    public var destructiveApprovals = 2
    /// Plays may address `all` (off: hosts are limited to the incident's).
    public var allowAllHosts = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case runbookDirs = "runbook_dirs", approvalExpiry = "approval_expiry", destructiveApprovals = "destructive_approvals"
        case allowAllHosts = "allow_all_hosts"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runbookDirs = try c.decodeIfPresent([String].self, forKey: .runbookDirs) ?? runbookDirs
        approvalExpiry = try c.decodeIfPresent(ConfigDuration.self, forKey: .approvalExpiry) ?? approvalExpiry
        destructiveApprovals = try c.decodeIfPresent(Int.self, forKey: .destructiveApprovals) ?? destructiveApprovals
        allowAllHosts = try c.decodeIfPresent(Bool.self, forKey: .allowAllHosts) ?? allowAllHosts
    }

    /// The safety checks' settings.
    public var safetyRules: SafetyRules { SafetyRules(allowAllHosts: allowAllHosts) }

    func validate(file: String) throws(ConfigError) {
        guard approvalExpiry.seconds >= 60 else {
            throw .invalid(path: "remediation.approval_expiry", message: "must be at least 1m", file: file)
        }
        guard (1...5).contains(destructiveApprovals) else {
            throw .invalid(path: "remediation.destructive_approvals", message: "must be between 1 and 5", file: file)
        }
    }
}
