import Foundation
import VigilCore

/// Checks a parsed playbook before anyone is asked to approve it: module allowlist, denylisted
/// commands in every string, hosts limited to the incident's targets, `become` only in steps
/// that may change things.
///
/// A play's `hosts` may list target hosts (`web1,web2`; `!web3` exclusions are fine) or the
/// variable `{{ vigil_targets }}`, which the Ansible executor binds to the step's hosts (already
/// checked against the targets). `all`, `*`, wildcards and regex patterns are refused unless
/// ``SafetyRules/allowAllHosts``.
///
/// ```swift
/// let problems = PlaybookSafety.check(doc, risk: .reversible, targets: ["node-1"])
/// ```
public enum PlaybookSafety {
    /// The variable a play uses to address the step's own hosts.
    public static let targetsVariable = "vigil_targets"

    public static func check(_ doc: PlaybookDocument, risk: Risk, targets: [String], rules: SafetyRules = SafetyRules()) -> [SafetyViolation] {
        var out: [SafetyViolation] = []
        if doc.plays.isEmpty { out.append(SafetyViolation(.structure, "the playbook has no plays")) }
        for play in doc.plays {
            out += checkHosts(play.hosts, targets: targets, rules: rules, line: play.line)
            for key in play.unsupportedKeys {
                out.append(SafetyViolation(.structure, "'\(key)' pulls in code that cannot be checked", line: play.line))
            }
            if play.become, risk == .readOnly {
                out.append(SafetyViolation(.become, "a read-only step may not use become", line: play.line))
            }
            for task in play.tasks { out += checkTask(task, risk: risk, targets: targets, rules: rules) }
        }
        return out
    }

    static func checkTask(_ task: PlaybookTask, risk: Risk, targets: [String], rules: SafetyRules) -> [SafetyViolation] {
        var out: [SafetyViolation] = []
        let line = task.line
        let label = task.name.map { "task '\($0)'" } ?? "a task"
        if task.module.isEmpty {
            out.append(SafetyViolation(.module, "\(label) names no module", line: line))
        } else if !rules.allowedModules.contains(task.shortModule) {
            out.append(SafetyViolation(.module, "module '\(task.module)' is not allowed", line: line))
        }
        if !task.extraKeys.isEmpty {
            out.append(SafetyViolation(.module, "\(label) has unknown keys \(task.extraKeys.sorted().joined(separator: ", "))", line: line))
        }
        if task.become == true, risk == .readOnly {
            out.append(SafetyViolation(.become, "a read-only step may not use become", line: line))
        }
        if let host = task.delegateTo, !targets.contains(host) {
            out.append(SafetyViolation(.hosts, "delegate_to '\(host)' is not one of the incident's hosts", line: line))
        }
        for text in scannedStrings(task) {
            for finding in ShellDanger.findings(in: text) { out.append(SafetyViolation(.command, finding, line: line)) }
        }
        if let reason = destructiveModuleUse(task) { out.append(SafetyViolation(.command, reason, line: line)) }
        return out
    }

    /// Every string of the task, plus `argv` lists joined into one command line.
    static func scannedStrings(_ task: PlaybookTask) -> [String] {
        var strings = task.arguments.strings + task.otherStrings
        if case .map(let m) = task.arguments {
            let argv = m.keys.filter { $0.hasPrefix("argv.") }.sorted { Int($0.dropFirst(5)) ?? 0 < Int($1.dropFirst(5)) ?? 0 }
            if !argv.isEmpty { strings.append(argv.compactMap { m[$0] }.joined(separator: " ")) }
        }
        return strings
    }

    static let protectedFiles = ["/etc/passwd", "/etc/shadow", "/etc/group", "/etc/sudoers"]

    /// Module uses that do what the denylist forbids without a shell: `file: state=absent` on a
    /// system path, file modules writing the account databases or sudoers.
    static func destructiveModuleUse(_ task: PlaybookTask) -> String? {
        guard case .map(let m) = task.arguments else { return nil }
        let path = m["path"] ?? m["dest"] ?? m["name"] ?? ""
        switch task.shortModule {
        case "file":
            if m["state"] == "absent", ShellDanger.isCritical(path) { return "file state=absent on \(path)" }
            if m["recurse"].map(isTrue) == true, ShellDanger.isCritical(path) { return "recursive file change on \(path)" }
        case "copy", "template", "lineinfile", "blockinfile", "replace":
            if protectedFiles.contains(where: { path.hasPrefix($0) }) { return "\(task.shortModule) writes \(path)" }
        default:
            break
        }
        return nil
    }

    private static func isTrue(_ s: String) -> Bool { ["true", "yes", "1", "on"].contains(s.lowercased()) }

    static func checkHosts(_ hosts: String?, targets: [String], rules: SafetyRules, line: Int?) -> [SafetyViolation] {
        guard let hosts, !hosts.trimmingCharacters(in: .whitespaces).isEmpty else {
            return [SafetyViolation(.hosts, "a play without hosts", line: line)]
        }
        let squeezed = hosts.filter { !$0.isWhitespace }
        if squeezed == "{{\(targetsVariable)}}" { return [] }
        var out: [SafetyViolation] = []
        for raw in squeezed.split(whereSeparator: { $0 == "," || $0 == ":" }) {
            if raw.hasPrefix("!") { continue } // an exclusion only narrows
            let host = String(raw.drop { $0 == "&" })
            let wildcard = host == "all" || host.contains("*") || host.hasPrefix("~") || host.contains("{{")
            if wildcard {
                if !rules.allowAllHosts { out.append(SafetyViolation(.hosts, "hosts '\(host)' is not limited to the incident's hosts", line: line)) }
            } else if !targets.contains(host) {
                out.append(SafetyViolation(.hosts, "host '\(host)' is not one of the incident's hosts (\(targets.joined(separator: ", ")))", line: line))
            }
        }
        return out
    }
}
