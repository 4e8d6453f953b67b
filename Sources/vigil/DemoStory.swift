import Foundation
import VigilCore

/// Tells the demo's story as it happens, reading only the public API: the fault, the incident, the diagnosis, the
/// plan with its dry run, every move of the plan run, and the incident's resolution — with seconds since the fault.
struct DemoStory {
    let api: APIClient
    let setup: DemoSetup
    let manual: Bool

    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func play() async throws -> [String: Any] {
        try await waitFor("Vigil to answer", timeout: 30) { (try? await api.get("/health")) != nil }
        say("Vigil is watching demo-shop (spool quota \(DemoServiceCommand.quota >> 20) MB, scraped every 2 s, log tailed).")
        try await waitFor("the first scrape of demo-shop", timeout: 60) {
            let s = try? await api.get("/api/v1/metrics/series?name=demo_spool_used_ratio") as? [String: Any]
            return !((s?["items"] as? [Any]) ?? []).isEmpty
        }
        say("① fault: finished exports pile up in demo-shop's spool until it is 95% full")
        let t0 = Date()
        try DemoServiceCommand.fill(setup.serviceDir)
        func since(_ text: Any?) -> Double? {
            (text as? String).flatMap { RFC3339.parse($0) }.map { (max(0, $0.timeIntervalSince(t0)) * 10).rounded() / 10 }
        }

        var timings: [String: Any] = [:]
        var incidentID: String?
        var diagnosed = false
        var planShown = false
        var printed = 0
        var askedForApproval = false
        let deadline = Date().addingTimeInterval(manual ? 1800 : 240)
        while Date() < deadline {
            if incidentID == nil, let i = try await firstIncident() {
                incidentID = i["id"] as? String
                timings["detectedSeconds"] = since(i["openedAt"])
                say("② detected  +\(since(i["openedAt"]) ?? 0) s: incident \(incidentID ?? "") — \(i["title"] ?? "")")
            }
            guard let id = incidentID else { try await pause(); continue }
            if !diagnosed, let d = try? await api.get("/api/v1/incidents/\(id)/diagnosis") as? [String: Any],
               let top = (d["hypotheses"] as? [[String: Any]])?.first {
                diagnosed = true
                timings["diagnosedSeconds"] = since(d["createdAt"])
                say("③ diagnosed +\(since(d["createdAt"]) ?? 0) s: \(top["component"] ?? "")/\(top["cause"] ?? "") "
                    + "(confidence \(top["confidence"] ?? 0), \(d["explanation"] ?? "deterministic") explanation)")
                let cited = Set(top["evidence"] as? [String] ?? [])
                for e in (d["evidence"] as? [[String: Any]] ?? []) where cited.contains(e["id"] as? String ?? "") {
                    say("      [\(e["id"] ?? "")] \(e["summary"] ?? "")")
                }
            }
            let plans = (try? await api.get("/api/v1/plans?incident=\(id)") as? [String: Any])?["items"] as? [[String: Any]] ?? []
            guard let plan = plans.first, let planID = plan["id"] as? String else { try await pause(); continue }
            if !planShown {
                planShown = true
                timings["plannedSeconds"] = since(plan["createdAt"])
                say("④ planned   +\(since(plan["createdAt"]) ?? 0) s: \(planID) — runbook \(plan["runbook"] ?? ""), risk \(plan["risk"] ?? "")")
                if let diff = plan["dryRunDiff"] as? String {
                    say("      dry run:\n" + diff.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
                }
            }
            let history = plan["history"] as? [[String: Any]] ?? []
            for h in history.dropFirst(printed) {
                let to = h["to"] as? String ?? ""
                say("   → \(to.padding(toLength: 17, withPad: " ", startingAt: 0)) +\(since(h["at"]) ?? 0) s  by \(h["actor"] ?? "")  \(h["note"] ?? "")")
                timings[to + "Seconds"] = since(h["at"])
            }
            printed = history.count
            let status = plan["status"] as? String ?? ""
            if manual, status == "awaiting_approval", !askedForApproval {
                askedForApproval = true
                say("   Your turn: VIGIL_API_KEY=\(api.key ?? "") \(setup.binary) plans approve \(planID) --server \(api.base)")
            }
            if ["succeeded", "escalated", "rejected", "expired"].contains(status) {
                timings["outcome"] = status
                let incident = (try? await api.get("/api/v1/incidents/\(id)")) as? [String: Any]
                let state = incident?["status"] as? String ?? "?"
                say(status == "succeeded"
                    ? "⑦ verified: the spool alert stayed clear; incident \(id) is \(state)"
                    : "⑦ the plan ended \(status); incident \(id) is \(state)")
                timings["totalSeconds"] = (Date().timeIntervalSince(t0) * 10).rounded() / 10
                return timings
            }
            try await pause()
        }
        timings["outcome"] = "timeout"
        say("The story did not finish in time; see GET /api/v1/plans and the server log.")
        return timings
    }

    private func firstIncident() async throws -> [String: Any]? {
        let page = try? await api.get("/api/v1/incidents?service=demo-shop") as? [String: Any]
        return (page?["items"] as? [[String: Any]])?.first
    }

    private func pause() async throws { try await Task.sleep(for: .milliseconds(300)) }

    private func waitFor(_ what: String, timeout: TimeInterval, _ check: () async -> Bool) async throws {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if await check() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw RemoteError(description: "timed out waiting for \(what)")
    }
}
