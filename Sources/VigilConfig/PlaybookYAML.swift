import Foundation
import VigilRemediate
import Yams

/// Parses Ansible playbook text into the ``PlaybookDocument`` the safety checks read, with the
/// line of every play and task.
///
/// Tasks under `block`/`rescue`/`always` are flattened (a block's `become` passes to its tasks);
/// `action:`/`local_action: shell …` name their module in the value (and `local_action` runs on
/// `localhost`); `args`, `environment`, `vars` and loop items are kept as strings for the
/// denylist. `roles`, `import_playbook`, `include` and `import_role` are reported as unsupported.
///
/// ```swift
/// let doc = try PlaybookYAML().parse("- hosts: web1\n  tasks:\n    - service: {name: nginx, state: restarted}\n")
/// ```
public struct PlaybookYAML: PlaybookParser {
    public init() {}

    public func parse(_ text: String) throws(PlaybookParseError) -> PlaybookDocument {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            let located = syntaxError(error, file: "playbook")
            throw PlaybookParseError(located.message, line: located.line)
        } catch {
            throw PlaybookParseError("invalid YAML: \(error)")
        }
        guard case .sequence(let plays)? = root else {
            throw PlaybookParseError("a playbook is a list of plays", line: root?.mark?.line)
        }
        var out: [Play] = []
        for node in plays {
            guard case .mapping(let mapping) = node else { throw PlaybookParseError("a play is a mapping", line: node.mark?.line) }
            out.append(try play(mapping, line: node.mark?.line))
        }
        return PlaybookDocument(plays: out)
    }

    static let taskLists: Set<String> = ["tasks", "pre_tasks", "post_tasks", "handlers"]
    static let unsupported: Set<String> = ["roles", "import_playbook", "include", "include_tasks", "import_tasks", "include_role", "import_role"]

    private func play(_ mapping: Node.Mapping, line: Int?) throws(PlaybookParseError) -> Play {
        var play = Play(hosts: nil, tasks: [], line: line)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name": play.name = value.string
            case "hosts": play.hosts = value.sequence.map { $0.compactMap(\.string).joined(separator: ",") } ?? value.string
            case "become": play.become = truthy(value)
            case _ where Self.taskLists.contains(key): play.tasks += try tasks(value, become: nil)
            case _ where Self.unsupported.contains(key): play.unsupportedKeys.append(key)
            default: break
            }
        }
        return play
    }

    private func tasks(_ node: Node, become: Bool?) throws(PlaybookParseError) -> [PlaybookTask] {
        if node.isNull { return [] }
        guard case .sequence(let items) = node else { throw PlaybookParseError("a task list is a list", line: node.mark?.line) }
        var out: [PlaybookTask] = []
        for item in items {
            guard case .mapping(let mapping) = item else { throw PlaybookParseError("a task is a mapping", line: item.mark?.line) }
            out += try task(mapping, line: item.mark?.line, inheritedBecome: become)
        }
        return out
    }

    /// One task, or the tasks of a block.
    private func task(_ mapping: Node.Mapping, line: Int?, inheritedBecome: Bool?) throws(PlaybookParseError) -> [PlaybookTask] {
        var task = PlaybookTask(module: "", arguments: .map([:]), become: inheritedBecome, line: line)
        var nested: [Node] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name": task.name = value.string
            case "become": task.become = truthy(value)
            case "delegate_to": task.delegateTo = value.string
            case "block", "rescue", "always": nested.append(value)
            case "action", "local_action":
                let words = (value.string ?? "").split(separator: " ", maxSplits: 1)
                setModule(&task, String(words.first ?? ""), words.count > 1 ? .text(String(words[1])) : arguments(value))
                if key == "local_action" { task.delegateTo = "localhost" }
            case _ where PlaybookTask.keywords.contains(key):
                if ["args", "environment", "vars", "loop", "with_items", "with_list", "with_dict"].contains(key) {
                    task.otherStrings += arguments(value).strings
                }
            default:
                setModule(&task, key, arguments(value))
            }
        }
        if nested.isEmpty { return [task] }
        var out: [PlaybookTask] = []
        for list in nested { out += try tasks(list, become: task.become) }
        return out
    }

    private func setModule(_ task: inout PlaybookTask, _ module: String, _ arguments: PlaybookTask.Arguments) {
        if task.module.isEmpty {
            task.module = module
            task.arguments = arguments
        } else {
            task.extraKeys.append(module)
            task.otherStrings += arguments.strings
        }
    }

    private func arguments(_ node: Node) -> PlaybookTask.Arguments {
        if let text = node.string { return .text(text) }
        var flat: [String: String] = [:]
        flatten(node, prefix: "", into: &flat)
        return .map(flat)
    }

    private func flatten(_ node: Node, prefix: String, into out: inout [String: String]) {
        func join(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
        switch node {
        case .scalar(let s): out[prefix.isEmpty ? "_" : prefix] = s.string
        case .mapping(let m): for (k, v) in m { flatten(v, prefix: join(k.string ?? "?"), into: &out) }
        case .sequence(let items): for (i, v) in items.enumerated() { flatten(v, prefix: join("\(i)"), into: &out) }
        case .alias: break
        }
    }

    /// Ansible's booleans; a templated value counts as true (it may be).
    private func truthy(_ node: Node) -> Bool {
        let s = (node.string ?? "").lowercased()
        return ["true", "yes", "on", "1", "y"].contains(s) || s.contains("{{")
    }
}
