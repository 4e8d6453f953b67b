import Foundation
import Synchronization

/// One line of Vigil's Ansible callback: a task starting, a task's result on one host, or the final stats.
public struct AnsibleEvent: Sendable, Hashable {
    public enum Kind: String, Sendable { case task, result, stats }
    public var kind: Kind
    public var task: String?
    public var action: String?
    public var host: String?
    /// `ok`, `changed`, `failed`, `ignored`, `skipped`, `unreachable` (results only).
    public var status: String?
    public var message: String?
    /// The result's `diff`, rendered as text (results only, when Ansible gave one).
    public var diff: String?
    /// Per host: ok, changed, failures, unreachable, skipped, rescued, ignored (stats only).
    public var stats: [String: [String: Int]]

    /// Parses one output line; nil for anything that is not a callback event (warnings, blank lines).
    public init?(line: String) {
        guard line.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let kind = (object["event"] as? String).flatMap(Kind.init(rawValue:)) else { return nil }
        self.kind = kind
        task = object["task"] as? String
        action = object["action"] as? String
        host = object["host"] as? String
        status = object["status"] as? String
        let result = object["result"] as? [String: Any] ?? [:]
        message = (result["msg"] as? String) ?? (result["stderr"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        diff = result["diff"].flatMap(AnsibleDiff.render)
        var stats: [String: [String: Int]] = [:]
        for (host, counts) in object["hosts"] as? [String: Any] ?? [:] {
            stats[host] = (counts as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
        }
        self.stats = stats
    }
}

/// What an Ansible run did.
public struct AnsibleReport: Sendable, Hashable {
    public var mode: AnsibleRunner.Mode
    public var outcome: ProcessRunner.Outcome
    public var events: [AnsibleEvent]

    public var results: [AnsibleEvent] { events.filter { $0.kind == .result } }
    public var failed: [AnsibleEvent] { results.filter { $0.status == "failed" || $0.status == "unreachable" } }
    public var changed: [AnsibleEvent] { results.filter { $0.status == "changed" } }
    public var stats: [String: [String: Int]] { events.last { $0.kind == .stats }?.stats ?? [:] }
    public var succeeded: Bool { outcome.succeeded && failed.isEmpty }

    /// Every task's diff, headed by host and task: what a dry run would change.
    public var diff: String {
        results.compactMap { r in r.diff.map { "### \(r.host ?? "?") — \(r.task ?? "?")\n\($0)" } }.joined(separator: "\n")
    }

    /// One line per failed task, or the end of the output when Ansible failed before any task (syntax, inventory).
    public var failureSummary: String {
        if !failed.isEmpty {
            return failed.map { "\($0.host ?? "?"): \($0.task ?? "?"): \($0.message ?? $0.status ?? "failed")" }
                .joined(separator: "\n")
        }
        return outcome.tail.suffix(8).joined(separator: "\n")
    }
}

final class AnsibleEventCollector: Sendable {
    private let state = Mutex<[AnsibleEvent]>([])
    func add(_ e: AnsibleEvent) { state.withLock { $0.append(e) } }
    var events: [AnsibleEvent] { state.withLock { $0 } }
}

/// Ansible's `diff` result (one `{before, after, …}` or a list of them, or `prepared` text) as unified-style lines.
enum AnsibleDiff {
    static func render(_ value: Any) -> String? {
        if let list = value as? [Any] {
            let parts = list.compactMap(render)
            return parts.isEmpty ? nil : parts.joined(separator: "\n")
        }
        guard let d = value as? [String: Any] else { return nil }
        if let prepared = d["prepared"] as? String { return prepared }
        let before = text(d["before"]), after = text(d["after"])
        guard before != after else { return nil }
        var lines = ["--- \(d["before_header"] as? String ?? "before")", "+++ \(d["after_header"] as? String ?? "after")"]
        lines += LineDiff.lines(from: before, to: after)
        return lines.joined(separator: "\n")
    }

    private static func text(_ v: Any?) -> String {
        switch v {
        case let s as String: return s
        case nil: return ""
        case let other?:
            let data = try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys, .prettyPrinted])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\(other)"
        }
    }
}
