import Foundation
import VigilCore

/// A known fix for a kind of failure: when it applies, what to do, and what must clear afterwards.
///
/// Steps are ``PlanStep``s whose `target`, `action` and `parameters` may hold templates
/// (``Template``); the planner renders them for one incident. Ansible playbook text is not
/// templated (it is Jinja already): the rendered `parameters` reach it as extra vars, and its
/// plays address `hosts: "{{ vigil_targets }}"`, which the executor binds to the step's hosts.
///
/// ```swift
/// let runbook = Runbook(name: "restart-crashed-service", description: "…",
///                       match: RunbookMatch(causes: [.processCrash]), steps: [restart],
///                       verify: VerificationTemplate(alertNames: ["ServiceDown"], matchers: [#"service="{{service}}""#]))
/// ```
public struct Runbook: Sendable, Hashable {
    public var name: String
    public var description: String
    public var match: RunbookMatch
    public var steps: [PlanStep]
    public var verify: VerificationTemplate
    /// The file it came from, for messages.
    public var source: String?

    public init(name: String, description: String, match: RunbookMatch, steps: [PlanStep], verify: VerificationTemplate,
                source: String? = nil) {
        self.name = name
        self.description = description
        self.match = match
        self.steps = steps
        self.verify = verify
        self.source = source
    }

    /// The riskiest step's risk.
    public var risk: Risk { steps.map(\.risk).max() ?? .readOnly }
}

/// When a runbook applies. Every non-empty part must hold; more parts make it more specific.
public struct RunbookMatch: Sendable, Hashable {
    /// The diagnosed cause must be one of these (never empty for a loaded runbook).
    public var causes: [CauseKind]
    /// The component's topology kind must be one of these, when given.
    public var componentKinds: [TopologyNode.Kind]
    /// Every matcher must hold on the incident's labels.
    public var labels: [Matcher]
    /// Signature: one of these substrings (case-insensitive) appears in one of the incident's log templates…
    public var logContains: [String]
    /// …or one of these metric-name globs (`*` any run of characters) names one of its anomalous series.
    public var metricNames: [String]

    public init(causes: [CauseKind], componentKinds: [TopologyNode.Kind] = [], labels: [Matcher] = [],
                logContains: [String] = [], metricNames: [String] = []) {
        self.causes = causes
        self.componentKinds = componentKinds
        self.labels = labels
        self.logContains = logContains
        self.metricNames = metricNames
    }

    /// Whether the runbook names a log or metric signature.
    public var hasSignature: Bool { !logContains.isEmpty || !metricNames.isEmpty }
}

/// A ``VerificationSpec`` before rendering: matcher texts may hold templates (`service="{{service}}"`).
public struct VerificationTemplate: Sendable, Hashable {
    public var alertNames: [String]
    public var matchers: [String]
    public var window: TimeInterval

    public init(alertNames: [String] = [], matchers: [String] = [], window: TimeInterval = 300) {
        self.alertNames = alertNames
        self.matchers = matchers
        self.window = window
    }

    /// The spec for one incident.
    public func render(_ variables: [String: String]) throws(RenderError) -> VerificationSpec {
        var parsed: [Matcher] = []
        for text in matchers {
            let rendered: String
            do { rendered = try Template.render(text, variables) } catch { throw RenderError("verify.matchers: \(error)") }
            do { parsed += try Matcher.parseList(rendered) } catch { throw RenderError("verify.matchers: \(error.message)") }
        }
        return VerificationSpec(alertNames: alertNames, matchers: parsed, window: window)
    }
}

/// A runbook that could not be turned into a plan for one incident.
public struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension PlanStep {
    /// This step with templates in `target`, `action`, `parameters` (and its rollback's) rendered.
    public func rendered(_ variables: [String: String]) throws(RenderError) -> PlanStep {
        func r(_ text: String, _ field: String) throws(RenderError) -> String {
            do { return try Template.render(text, variables) } catch { throw RenderError("\(field): \(error)") }
        }
        var step = self
        step.target = try r(target, "target")
        step.action = try r(action, "action")
        var parameters: [String: String] = [:]
        for (key, value) in self.parameters { parameters[key] = try r(value, "parameters.\(key)") }
        step.parameters = parameters
        step.rollback = try rollback?.rendered(variables)
        return step
    }
}
