import Foundation
import VigilCore

/// Vigil's tiny parameter templating: `{{name}}` (spaces inside the braces allowed) is replaced
/// by the variable's value; an unknown name or an unclosed `{{` is an error, never an empty string.
///
/// Variables a plan offers (``TemplateVariables``): `component`, `service`, `host` (the first
/// target host), `hosts` (comma-separated), `cause`, `incident`, `plan`, and `labels.<name>`
/// for each incident label.
///
/// ```swift
/// try Template.render("systemctl restart {{ service }}", ["service": "api"]) // "systemctl restart api"
/// ```
public enum Template {
    public static func render(_ text: String, _ variables: [String: String]) throws(TemplateError) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { throw .unclosed(text) }
            let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = variables[name] else { throw .unknownVariable(name, known: variables.keys.sorted()) }
            out += value
            rest = afterOpen[close.upperBound...]
        }
        return out + rest
    }

    /// The variable names `text` uses, in order of appearance (for validation before rendering).
    public static func variables(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }
}

/// A template that cannot be rendered.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownVariable(String, known: [String])
    case unclosed(String)

    public var description: String {
        switch self {
        case .unknownVariable(let name, let known):
            "unknown template variable '\(name)' (known: \(known.joined(separator: ", ")))"
        case .unclosed(let text): "unclosed '{{' in '\(text)'"
        }
    }
}

/// The variables a plan's templates see.
public enum TemplateVariables {
    /// The plain names (labels come as `labels.<name>`).
    public static let names = ["component", "service", "host", "hosts", "cause", "incident", "plan"]

    public static func make(component: String, cause: CauseKind, hosts: [String], incidentID: String, planID: String,
                            labels: LabelSet) -> [String: String] {
        var v: [String: String] = [
            "component": component, "service": labels["service"] ?? component, "host": hosts.first ?? component,
            "hosts": hosts.joined(separator: ","), "cause": cause.rawValue, "incident": incidentID, "plan": planID,
        ]
        for (name, value) in labels { v["labels.\(name)"] = value }
        return v
    }
}
