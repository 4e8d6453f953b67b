import ArgumentParser
import Foundation

/// `vigil plans list|show|approve|reject` against a running server.
struct Plans: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, inspect, approve or reject remediation plans on a running Vigil.",
        subcommands: [List.self, Show.self, Approve.self, Reject.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans, newest first.")
        @OptionGroup var remote: RemoteOptions
        @Option(help: "Only plans in this state (e.g. awaiting_approval, executing, succeeded).") var status: String?
        @Flag(help: "Print the JSON answer instead of a table.") var json = false

        func run() async throws {
            let path = "/api/v1/plans" + (status.map { "?status=\($0)" } ?? "")
            let answer = try await remote.client.get(path)
            if json { print(APIClient.render(answer)); return }
            let items = (answer as? [String: Any])?["items"] as? [[String: Any]] ?? []
            print(Self.table(items))
        }

        static func table(_ items: [[String: Any]]) -> String {
            var rows = [["ID", "STATUS", "RISK", "INCIDENT", "RUNBOOK", "TARGET", "CONFIDENCE"]]
            for p in items {
                let steps = p["steps"] as? [[String: Any]] ?? []
                rows.append([p["id"] as? String ?? "", p["status"] as? String ?? "", p["risk"] as? String ?? "",
                             p["incidentId"] as? String ?? "", p["runbook"] as? String ?? "",
                             steps.compactMap { $0["target"] as? String }.first ?? "",
                             (p["confidence"] as? Double).map { String(format: "%.2f", $0) } ?? ""])
            }
            if items.isEmpty { return "no plans" }
            let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
            return rows.map { r in r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") }.joined(separator: "\n")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one plan: steps, dry-run diff, approvals, history.")
        @OptionGroup var remote: RemoteOptions
        @Argument(help: "Plan ID.") var id: String

        func run() async throws { print(APIClient.render(try await remote.client.get("/api/v1/plans/\(id)"))) }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a plan (operator role; idempotent).")
        @OptionGroup var remote: RemoteOptions
        @Argument(help: "Plan ID.") var id: String
        @Option(help: "Why (recorded in the audit log).") var reason = "approved from the CLI"

        func run() async throws {
            let answer = try await remote.client.post("/api/v1/plans/\(id)/approve", ["reason": reason])
            print(APIClient.render(answer))
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a plan (operator role; idempotent).")
        @OptionGroup var remote: RemoteOptions
        @Argument(help: "Plan ID.") var id: String
        @Option(help: "Why (recorded in the audit log).") var reason: String

        func run() async throws {
            let answer = try await remote.client.post("/api/v1/plans/\(id)/reject", ["reason": reason])
            print(APIClient.render(answer))
        }
    }
}

/// `vigil automation pause|resume|status`: the global kill switch of automatic remediation.
struct Automation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pause or resume all automatic remediation on a running Vigil (the kill switch).",
        subcommands: [Pause.self, Resume.self, Status.self])

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop automatic approvals and the start of any plan until resumed.")
        @OptionGroup var remote: RemoteOptions
        @Option(help: "Why (recorded in the audit log).") var reason = "paused from the CLI"
        func run() async throws { print(APIClient.render(try await remote.client.post("/api/v1/automation/pause", ["reason": reason]))) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume automatic remediation.")
        @OptionGroup var remote: RemoteOptions
        @Option(help: "Why (recorded in the audit log).") var reason = "resumed from the CLI"
        func run() async throws { print(APIClient.render(try await remote.client.post("/api/v1/automation/resume", ["reason": reason]))) }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether automation is paused, by whom and since when.")
        @OptionGroup var remote: RemoteOptions
        func run() async throws { print(APIClient.render(try await remote.client.get("/api/v1/automation/status"))) }
    }
}
