import Foundation
import VigilCore

/// What a runbook is matched against: one hypothesis and what is known about its component.
public struct RemediationSubject: Sendable, Hashable {
    public var component: String
    public var cause: CauseKind
    public var confidence: Double
    /// The component's topology kind, when the topology knows it.
    public var kind: TopologyNode.Kind?
    /// The incident's labels (group labels plus common alert labels).
    public var labels: LabelSet
    /// Log templates seen for the component during the incident.
    public var logTemplates: [String]
    /// Names of the component's anomalous metric series.
    public var metricNames: [String]

    public init(component: String, cause: CauseKind, confidence: Double, kind: TopologyNode.Kind? = nil,
                labels: LabelSet = [:], logTemplates: [String] = [], metricNames: [String] = []) {
        self.component = component
        self.cause = cause
        self.confidence = confidence
        self.kind = kind
        self.labels = labels
        self.logTemplates = logTemplates
        self.metricNames = metricNames
    }

    public init(_ hypothesis: Hypothesis, kind: TopologyNode.Kind? = nil, labels: LabelSet = [:],
                logTemplates: [String] = [], metricNames: [String] = []) {
        self.init(component: hypothesis.component, cause: hypothesis.cause, confidence: hypothesis.confidence, kind: kind,
                  labels: labels, logTemplates: logTemplates, metricNames: metricNames)
    }
}

/// Scores runbooks against a subject and picks the most specific one that applies.
///
/// A runbook applies when its cause list holds the subject's cause and every other part of its
/// `match` that it states holds too. Among those, the score is: cause 1, component kind 2, each
/// label matcher 1, signature (log substring or metric glob) 4; ties go to the name that sorts first.
///
/// ```swift
/// let best = RunbookMatcher(runbooks: runbooks).best(for: RemediationSubject(hypothesis, kind: .app))
/// ```
public struct RunbookMatcher: Sendable {
    public struct Scored: Sendable, Hashable {
        public var runbook: Runbook
        public var score: Int
        /// Which parts matched, for the plan's explanation: `cause`, `kind`, `labels`, `signature`.
        public var matched: [String]
    }

    public var runbooks: [Runbook]

    public init(runbooks: [Runbook]) { self.runbooks = runbooks }

    /// Every applicable runbook, best first.
    public func ranked(for subject: RemediationSubject) -> [Scored] {
        runbooks.compactMap { Self.score($0, subject) }.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.runbook.name < $1.runbook.name
        }
    }

    public func best(for subject: RemediationSubject) -> Scored? { ranked(for: subject).first }

    /// The runbook's score for the subject, or `nil` when it does not apply.
    public static func score(_ runbook: Runbook, _ subject: RemediationSubject) -> Scored? {
        let m = runbook.match
        guard m.causes.contains(subject.cause) else { return nil }
        var score = 1
        var matched = ["cause"]
        if !m.componentKinds.isEmpty {
            guard let kind = subject.kind, m.componentKinds.contains(kind) else { return nil }
            score += 2
            matched.append("kind")
        }
        if !m.labels.isEmpty {
            guard m.labels.allSatisfy({ $0.matches(subject.labels) }) else { return nil }
            score += m.labels.count
            matched.append("labels")
        }
        if m.hasSignature {
            guard signatureMatches(m, subject) else { return nil }
            score += 4
            matched.append("signature")
        }
        return Scored(runbook: runbook, score: score, matched: matched)
    }

    static func signatureMatches(_ m: RunbookMatch, _ subject: RemediationSubject) -> Bool {
        let templates = subject.logTemplates.map { $0.lowercased() }
        let inLogs = m.logContains.contains { needle in
            let n = needle.lowercased()
            return templates.contains { $0.contains(n) }
        }
        return inLogs || m.metricNames.contains { glob in subject.metricNames.contains { globMatches(glob, $0) } }
    }
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters (also none).
func globMatches(_ pattern: String, _ name: String) -> Bool {
    let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
    guard parts.count > 1 else { return pattern == name }
    var rest = Substring(name)
    guard rest.hasPrefix(parts[0]) else { return false }
    rest = rest.dropFirst(parts[0].count)
    for part in parts.dropFirst().dropLast() where !part.isEmpty {
        guard let r = rest.range(of: part) else { return false }
        rest = rest[r.upperBound...]
    }
    let last = parts[parts.count - 1]
    return rest.count >= last.count && rest.hasSuffix(last)
}
