import Foundation
import VigilCore

/// Turns playbook text into a ``PlaybookDocument``; `VigilConfig`'s `PlaybookYAML` is the implementation.
///
/// ```swift
/// struct Fixed: PlaybookParser {
///     func parse(_ text: String) throws(PlaybookParseError) -> PlaybookDocument { PlaybookDocument(plays: []) }
/// }
/// ```
public protocol PlaybookParser: Sendable {
    func parse(_ text: String) throws(PlaybookParseError) -> PlaybookDocument
}

/// A playbook that is not valid YAML or not shaped like a playbook.
public struct PlaybookParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// The static safety checks over a whole plan, steps and rollbacks alike: every host a step
/// touches is one of the incident's targets; playbooks parse and pass ``PlaybookSafety``;
/// command lines and parameter values pass ``ShellDanger``; Docker actions come from
/// ``SafetyRules/dockerActions``; HTTP steps address an `http(s)` URL. (Syntax check and dry run
/// are the executor's, later.)
///
/// ```swift
/// let validator = PlanValidator(parser: PlaybookYAML())
/// plan.validation = validator.validation(of: plan, targets: ["node-1"])
/// ```
public struct PlanValidator: Sendable {
    public var rules: SafetyRules
    public var parser: any PlaybookParser
    /// Checking a runbook's unrendered steps: an HTTP target that is a template (`{{labels.rollback_webhook}}`)
    /// is checked once rendered, not now.
    public var templated: Bool

    public init(parser: any PlaybookParser, rules: SafetyRules = SafetyRules(), templated: Bool = false) {
        self.parser = parser
        self.rules = rules
        self.templated = templated
    }

    public func validation(of plan: Plan, targets: [String]) -> PlanValidation {
        let found = violations(in: plan, targets: targets)
        return found.isEmpty ? .passed : .failed(reasons: found.map(\.description))
    }

    public func violations(in plan: Plan, targets: [String]) -> [SafetyViolation] {
        if plan.steps.isEmpty { return [SafetyViolation(.structure, "the plan has no steps")] }
        var out: [SafetyViolation] = []
        for (index, step) in plan.steps.enumerated() {
            for s in [step] + (step.rollback.map { [$0] } ?? []) {
                out += check(s, targets: targets).map { v in
                    var v = v
                    v.step = index
                    if s != step { v.message = "rollback: " + v.message }
                    return v
                }
            }
        }
        return out
    }

    func check(_ step: PlanStep, targets: [String]) -> [SafetyViolation] {
        var out: [SafetyViolation] = []
        if !rules.allowAllHosts {
            for host in step.hosts where !targets.contains(host) {
                out.append(SafetyViolation(.hosts, "\(step.executor.rawValue) target '\(host)' is not one of the incident's hosts"))
            }
        }
        for key in step.parameters.keys.sorted() {
            for finding in ShellDanger.findings(in: step.parameters[key] ?? "") {
                out.append(SafetyViolation(.command, "parameter \(key): \(finding)"))
            }
        }
        switch step.executor {
        case .ansible:
            guard let text = step.playbook else { return out + [SafetyViolation(.structure, "an ansible step without a playbook")] }
            do {
                out += PlaybookSafety.check(try parser.parse(text), risk: step.risk, targets: targets + step.hosts, rules: rules)
            } catch {
                out.append(SafetyViolation(.structure, "playbook: \(error.message)", line: error.line))
            }
        case .ssh, .command:
            out += ShellDanger.findings(in: step.action).map { SafetyViolation(.command, $0) }
        case .docker:
            if !rules.dockerActions.contains(step.action) {
                out.append(SafetyViolation(.command, "docker action '\(step.action)' is not allowed"))
            }
        case .http:
            let lower = step.target.lowercased()
            if !(lower.hasPrefix("https://") || lower.hasPrefix("http://") || templated && lower.hasPrefix("{{")) {
                out.append(SafetyViolation(.structure, "http target '\(step.target)' is not an http(s) URL"))
            }
        }
        return out
    }
}
