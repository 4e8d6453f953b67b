import Foundation
import VigilCore

/// One pass over the window's log lines: error lines per service, cause
/// signatures per (owner, cause, printer) and blame per (named, printer).
struct LogScan: Sendable {
    struct Key: Hashable, Sendable {
        var component: String
        var cause: CauseKind?
        var observer: String
        /// How many owners one line was spread over (a timeout naming no one blames every dependency).
        var owners = 1
    }

    var errors: [String: EventTimes] = [:]
    var signatures: [Key: EventTimes] = [:]
    var blames: [Key: EventTimes] = [:]
    var allErrors: [Date] = []

    init(_ logs: [LogRecord], graph: ServiceGraph) {
        for record in logs {
            let lower = LowerText(record.message)
            let isError = Signatures.isError(lower)
            let printers = printers(of: record, lower: lower, graph: graph)
            guard !printers.isEmpty else { continue }
            let named = graph.mentions(in: lower, except: printers.count == 1 ? printers[0] : "")
                .filter { !printers.contains($0) }
            if isError {
                allErrors.append(record.time)
                for p in printers { errors[p, default: .init()].add(record) }
                for target in named {
                    for p in printers { blames[Key(component: target, cause: nil, observer: p), default: .init()].add(record) }
                }
            }
            for signature in Signatures.logs where signature.matches(lower) {
                if signature.cause == .dependencyOutage && !isError { continue }
                let owners: [String]
                switch signature.owner {
                case .printer: owners = record.service == "system" && !named.isEmpty ? named : printers
                case .named:
                    // a timeout or resolver error naming no one is about what the printer calls
                    let deps = printers.flatMap(graph.dependencies)
                    owners = !named.isEmpty ? named : deps.isEmpty ? printers : deps
                }
                for owner in owners {
                    for p in printers {
                        let key = Key(component: owner, cause: signature.cause, observer: p, owners: owners.count)
                        signatures[key, default: .init()].add(record)
                    }
                }
            }
        }
    }
}

/// The services a line speaks for: its service, or for host lines (`system`) the services on that host.
private func printers(of record: LogRecord, lower: LowerText, graph: ServiceGraph) -> [String] {
    if graph.nodes[record.service] != nil { return [record.service] }
    let onHost = graph.services(onInstance: record.host)
    let named = onHost.filter { lower.containsWord(LowerText.Needle($0)) }
    return named.isEmpty ? onHost : named
}

extension EventTimes {
    mutating func add(_ record: LogRecord) {
        if times.isEmpty { example = Self.excerpt(record.message) }
        times.append(record.time)
    }

    /// The part of a line a person reads: a JSON line's message (and error message) when it has one.
    static func excerpt(_ line: String) -> String {
        var parts: [Substring] = []
        for key in ["\"msg\":\"", "\"message\":\"", "\"error\":\"", "\"err\":\""] {
            guard let r = line.range(of: key) else { continue }
            let rest = line[r.upperBound...]
            parts.append(rest.prefix { $0 != "\"" })
        }
        let text = parts.isEmpty ? Substring(line) : Substring(parts.joined(separator: ": "))
        return String(text.prefix(140))
    }
}
