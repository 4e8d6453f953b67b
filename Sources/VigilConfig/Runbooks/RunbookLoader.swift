import Foundation
import VigilCore
import VigilRemediate

/// Reads runbooks: every `*.yaml`/`*.yml` file directly in each directory, each holding
/// `runbooks:` and a list (format in `runbooks/README.md`).
///
/// Loading is strict and every error names file, line and column:
/// - unknown keys, unknown executors, risks and component kinds, bad matchers and durations;
/// - templates naming unknown variables;
/// - a destructive step without a `rollback` is an **error** unless it says `irreversible: true`
///   (pruning images, say) — a destructive step should never lose its way back by omission;
/// - the same runbook name twice, in one file or across files;
/// - a playbook (inline or `playbook_file`, relative to the runbook file) that does not parse or
///   fails ``PlaybookSafety`` — runbook plays must address `hosts: "{{ vigil_targets }}"`.
///
/// ```swift
/// let runbooks = try RunbookLoader.load(directories: ["runbooks", "/etc/vigil/runbooks"])
/// ```
public enum RunbookLoader {
    public static func load(directories: [String], rules: SafetyRules = SafetyRules()) throws(ConfigError) -> [Runbook] {
        var all: [Runbook] = []
        var seen: [String: String] = [:]
        for directory in directories {
            for path in try yamlFiles(in: directory) {
                let text: String
                do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                    throw ConfigError(file: path, message: "cannot read file: \(error.localizedDescription)")
                }
                for runbook in try parse(text, file: path, rules: rules) {
                    if let other = seen[runbook.name] {
                        throw ConfigError(file: path, path: "runbooks", message: "runbook '\(runbook.name)' is also defined in \(other)")
                    }
                    seen[runbook.name] = path
                    all.append(runbook)
                }
            }
        }
        return all
    }

    /// The runbooks of the directories that exist (a missing one is returned, not an error: a server started
    /// outside the source tree has no `runbooks/`), loaded strictly.
    public static func loadExisting(directories: [String], rules: SafetyRules = SafetyRules())
        throws(ConfigError) -> (runbooks: [Runbook], present: [String], missing: [String]) {
        let present = directories.filter { dir in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        return (try load(directories: present, rules: rules), present, directories.filter { !present.contains($0) })
    }

    /// The runbooks of one file's text. `playbook_file` paths are read relative to `file`'s directory.
    public static func parse(_ text: String, file: String, rules: SafetyRules = SafetyRules()) throws(ConfigError) -> [Runbook] {
        let decoded = try StrictYAMLDecoder().decode(RunbookFile.self, from: text, file: file)
        var names: Set<String> = []
        var out: [Runbook] = []
        for (i, section) in decoded.runbooks.enumerated() {
            let path = "runbooks[\(i)]"
            guard names.insert(section.name).inserted else {
                throw .invalid(path: path, message: "duplicate runbook name '\(section.name)'", file: file, line: section.line)
            }
            var steps: [PlanStep] = []
            for (j, s) in section.steps.enumerated() {
                steps.append(try resolve(s, file: file, path: "\(path).steps[\(j)]"))
            }
            let runbook = Runbook(name: section.name, description: section.description, match: section.match.match, steps: steps,
                                  verify: section.verify.verify, source: file)
            try checkSafety(runbook, path: path, file: file, line: section.line, rules: rules)
            out.append(runbook)
        }
        return out
    }

    /// Runs the plan checks over the runbook's unrendered steps; their templated targets stand in for the hosts.
    static func checkSafety(_ runbook: Runbook, path: String, file: String, line: Int?, rules: SafetyRules) throws(ConfigError) {
        let plan = Plan(id: "check", incidentID: "check", runbook: runbook.name, component: "check",
                        cause: runbook.match.causes[0], steps: runbook.steps, verification: VerificationSpec(),
                        confidence: 0, createdAt: Date(timeIntervalSince1970: 0))
        let targets = runbook.steps.flatMap { $0.hosts + ($0.rollback?.hosts ?? []) }
        let violations = PlanValidator(parser: PlaybookYAML(), rules: rules, templated: true).violations(in: plan, targets: targets)
        if let first = violations.first {
            let more = violations.count > 1 ? " (and \(violations.count - 1) more)" : ""
            throw .invalid(path: "\(path).steps", message: "unsafe: \(first)\(more)", file: file, line: line)
        }
    }

    /// The step with its `playbook_file` (and its rollback's) read.
    static func resolve(_ section: RunbookStepSection, file: String, path: String) throws(ConfigError) -> PlanStep {
        var step = section.step
        if let relative = section.playbookFile {
            step.playbook = try readPlaybook(relative, besides: file, path: path, line: section.line)
        }
        if let rollback = section.rollback {
            step.rollback = try resolve(rollback, file: file, path: "\(path).rollback")
        }
        return step
    }

    static func readPlaybook(_ relative: String, besides file: String, path: String, line: Int?) throws(ConfigError) -> String {
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : base.appendingPathComponent(relative)
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw .invalid(path: "\(path).playbook_file", message: "cannot read \(url.path)", file: file, line: line)
        }
    }

    static func yamlFiles(in directory: String) throws(ConfigError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw ConfigError(file: directory, message: "cannot list runbook directory: \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(directory)/\($0)" }
    }
}
