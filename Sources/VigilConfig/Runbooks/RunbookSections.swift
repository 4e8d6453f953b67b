import Foundation
import VigilCore
import VigilRemediate
import Yams

/// A decoding error about the value under `key` (or the whole value) that the strict decoder
/// turns into a located ``ConfigError``.
func invalidValue(_ decoder: any Decoder, _ key: (any CodingKey)?, _ message: String) -> DecodingError {
    DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + (key.map { [$0] } ?? []), debugDescription: message))
}

/// A runbook file's top level: `runbooks:` followed by a list.
struct RunbookFile: Decodable {
    var runbooks: [RunbookSection]

    enum CodingKeys: String, CodingKey, CaseIterable { case runbooks }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runbooks = try c.decode([RunbookSection].self, forKey: .runbooks)
    }
}

/// One runbook as written. Templates are checked while decoding, so errors point at them.
struct RunbookSection: Decodable {
    var name: String
    var description: String
    var match: RunbookMatchSection
    var steps: [RunbookStepSection]
    var verify: VerifySection
    var line: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, description, match, steps, verify }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = (decoder as? YAMLNodeDecoder)?.mark?.line
        name = try c.decode(String.self, forKey: .name)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw invalidValue(decoder, CodingKeys.name, "a runbook name uses letters, digits, '-' and '_'")
        }
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        match = try c.decode(RunbookMatchSection.self, forKey: .match)
        steps = try c.decode([RunbookStepSection].self, forKey: .steps)
        guard !steps.isEmpty else {
            throw invalidValue(decoder, CodingKeys.steps, "needs at least one step")
        }
        verify = try c.decode(VerifySection.self, forKey: .verify)
    }
}

struct RunbookMatchSection: Decodable {
    var match: RunbookMatch

    enum CodingKeys: String, CodingKey, CaseIterable {
        case causes, componentKinds = "component_kinds", labels, logContains = "log_contains", metricNames = "metric_names"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let causes = try c.decode([String].self, forKey: .causes).map(CauseKind.init(rawValue:))
        guard !causes.isEmpty else {
            throw invalidValue(decoder, CodingKeys.causes, "needs at least one cause kind")
        }
        let kinds = try c.decodeIfPresent([TopologyNode.Kind].self, forKey: .componentKinds) ?? []
        var labels: [Matcher] = []
        for text in try c.decodeIfPresent([String].self, forKey: .labels) ?? [] {
            do { labels += try Matcher.parseList(text) } catch {
                throw invalidValue(decoder, CodingKeys.labels, error.message)
            }
        }
        match = RunbookMatch(causes: causes, componentKinds: kinds, labels: labels,
                             logContains: try c.decodeIfPresent([String].self, forKey: .logContains) ?? [],
                             metricNames: try c.decodeIfPresent([String].self, forKey: .metricNames) ?? [])
    }
}

/// A step as written: templates in `target`, `action` and `parameters` must name known variables;
/// a destructive step needs a `rollback` or an explicit `irreversible: true`.
struct RunbookStepSection: Decodable {
    /// The step without its rollback (see `rollback`) and, for `playbook_file`, without its playbook.
    var step: PlanStep
    /// `playbook_file`, relative to the runbook file; read by the loader.
    var playbookFile: String?
    /// At most one element (an array so the type can contain itself).
    var rollbackStorage: [RunbookStepSection]
    var rollback: RunbookStepSection? { rollbackStorage.first }
    var line: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case executor, target, action, parameters, risk, playbook, playbookFile = "playbook_file", timeout, rollback, irreversible
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = (decoder as? YAMLNodeDecoder)?.mark?.line
        func templated(_ key: CodingKeys, _ text: String) throws -> String {
            for name in Template.variables(in: text) where !TemplateVariables.names.contains(name) && !name.hasPrefix("labels.") {
                let known = TemplateVariables.names.joined(separator: ", ")
                throw invalidValue(decoder, key, "unknown template variable '\(name)' (known: \(known), labels.<name>)")
            }
            return text
        }
        let executor = try c.decode(ExecutorKind.self, forKey: .executor)
        let target = try templated(.target, try c.decode(String.self, forKey: .target))
        let action = try templated(.action, try c.decode(String.self, forKey: .action))
        var parameters: [String: String] = [:]
        for (k, v) in try c.decodeIfPresent([String: String].self, forKey: .parameters) ?? [:] { parameters[k] = try templated(.parameters, v) }
        let risk = try c.decode(Risk.self, forKey: .risk)
        let playbook = try c.decodeIfPresent(String.self, forKey: .playbook)
        playbookFile = try c.decodeIfPresent(String.self, forKey: .playbookFile)
        let timeout = try c.decodeIfPresent(ConfigDuration.self, forKey: .timeout)?.seconds ?? 300
        rollbackStorage = try c.decodeIfPresent(RunbookStepSection.self, forKey: .rollback).map { [$0] } ?? []
        let irreversible = try c.decodeIfPresent(Bool.self, forKey: .irreversible) ?? false
        func fail(_ key: CodingKeys, _ message: String) -> DecodingError { invalidValue(decoder, key, message) }
        if executor == .ansible, (playbook == nil) == (playbookFile == nil) {
            throw fail(.playbook, "an ansible step needs exactly one of 'playbook' (inline) and 'playbook_file'")
        }
        if executor != .ansible, playbook != nil || playbookFile != nil {
            throw fail(.playbook, "only ansible steps take a playbook")
        }
        if risk == .destructive, rollbackStorage.isEmpty, !irreversible {
            throw fail(.risk, "a destructive step needs a 'rollback' step, or 'irreversible: true' to say it has none")
        }
        if rollbackStorage.first?.rollback != nil { throw fail(.rollback, "a rollback step cannot have its own rollback") }
        if timeout <= 0 { throw fail(.timeout, "must be positive") }
        step = PlanStep(executor: executor, target: target, action: action, parameters: parameters, risk: risk,
                        playbook: playbook, timeout: timeout)
    }
}

struct VerifySection: Decodable {
    var verify: VerificationTemplate

    enum CodingKeys: String, CodingKey, CaseIterable { case alerts, matchers, window }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let alerts = try c.decodeIfPresent([String].self, forKey: .alerts) ?? []
        let matchers = try c.decodeIfPresent([String].self, forKey: .matchers) ?? []
        let window = try c.decodeIfPresent(ConfigDuration.self, forKey: .window)?.seconds ?? 300
        verify = VerificationTemplate(alertNames: alerts, matchers: matchers, window: window)
        // render with every variable known, so bad templates and matchers fail at load time
        var sample = Dictionary(uniqueKeysWithValues: TemplateVariables.names.map { ($0, "x") })
        for text in matchers { for name in Template.variables(in: text) where name.hasPrefix("labels.") { sample[name] = "x" } }
        do { _ = try verify.render(sample) } catch {
            throw invalidValue(decoder, CodingKeys.matchers, error.message)
        }
        guard alerts.count + matchers.count > 0 else {
            throw invalidValue(decoder, nil, "name the alerts or matchers that must clear")
        }
        guard window > 0 else {
            throw invalidValue(decoder, CodingKeys.window, "must be positive")
        }
    }
}
