import Foundation
import VigilCore

/// Turns a diagnosis into a plan from the best matching runbook.
///
/// The plan's steps are the runbook's, rendered for the incident (``TemplateVariables``); its
/// confidence is the hypothesis's confidence times the runbook's smoothed success rate for this
/// signature (``RunbookStats``). The plan comes back with validation `pending`: the safety checks
/// (``PlanValidator``) and the dry run happen before anyone is asked.
///
/// ```swift
/// let planner = Planner(runbooks: runbooks, stats: stats)
/// switch planner.plan(PlanRequest(incidentID: "inc_1", subject: subject, hosts: ["node-1"]), id: "plan_1", at: now) {
/// case .plan(let plan): submit(plan)
/// case .noRunbook(let why): draftWithLanguageModel(why)
/// case .renderFailed(let runbook, let error): log(runbook, error)
/// }
/// ```
public struct Planner: Sendable {
    public var matcher: RunbookMatcher
    public var stats: RunbookStats

    public init(runbooks: [Runbook], stats: RunbookStats = RunbookStats()) {
        self.matcher = RunbookMatcher(runbooks: runbooks)
        self.stats = stats
    }

    public enum Outcome: Sendable, Hashable {
        case plan(Plan)
        /// No runbook applies; the reason names the cause and kind looked for.
        case noRunbook(String)
        /// The best runbook's templates could not be filled for this incident.
        case renderFailed(runbook: String, RenderError)
    }

    public func plan(_ request: PlanRequest, id: String, at now: Date) -> Outcome {
        let subject = request.subject
        guard let best = matcher.best(for: subject) else {
            let kind = subject.kind.map { " on a \($0.rawValue)" } ?? ""
            return .noRunbook("no runbook for \(subject.cause.rawValue)\(kind) (\(subject.component))")
        }
        let runbook = best.runbook
        let variables = TemplateVariables.make(component: subject.component, cause: subject.cause, hosts: request.hosts,
                                               incidentID: request.incidentID, planID: id, labels: subject.labels)
        let steps: [PlanStep]
        let verification: VerificationSpec
        do {
            steps = try runbook.steps.map { step throws(RenderError) in try step.rendered(variables) }
            verification = try runbook.verify.render(variables)
        } catch {
            return .renderFailed(runbook: runbook.name, error)
        }
        let signature = RunbookStats.signature(cause: subject.cause, component: subject.component)
        let rate = stats.successRate(runbook: runbook.name, signature: signature)
        return .plan(Plan(id: id, incidentID: request.incidentID, runbook: runbook.name, component: subject.component,
                          cause: subject.cause, steps: steps, verification: verification,
                          confidence: min(1, max(0, subject.confidence)) * rate, createdAt: now))
    }
}

/// What the planner needs to know about one incident.
public struct PlanRequest: Sendable, Hashable {
    public var incidentID: String
    public var subject: RemediationSubject
    /// The hosts the incident's component runs on: the only hosts its plan may touch.
    public var hosts: [String]

    public init(incidentID: String, subject: RemediationSubject, hosts: [String]) {
        self.incidentID = incidentID
        self.subject = subject
        self.hosts = hosts
    }
}

extension PlanRequest {
    /// The request for a diagnosis's top hypothesis: the component's kind and hosts come from the
    /// topology (its hosts, else the incident's `host`/`instance` label without the port, else the
    /// component's name); `nil` when the diagnosis has no hypothesis.
    public init?(incidentID: String, diagnosis: Diagnosis, topology: [TopologyNode], labels: LabelSet = [:],
                 logTemplates: [String] = [], metricNames: [String] = []) {
        guard let top = diagnosis.top else { return nil }
        let node = topology.first { $0.service == top.component }
        let labelHost = labels["host"] ?? labels["instance"].map { String($0.split(separator: ":").first ?? "") }
        let hosts = node.map(\.hosts).flatMap { $0.isEmpty ? nil : $0 } ?? labelHost.map { [$0] } ?? [top.component]
        self.init(incidentID: incidentID,
                  subject: RemediationSubject(top, kind: node?.kind, labels: labels, logTemplates: logTemplates, metricNames: metricNames),
                  hosts: hosts)
    }
}
