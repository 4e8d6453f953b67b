import Foundation
import VigilCore

extension LogScan {
    /// Findings for what rose after `onset`: error lines, cause signatures and blame of named services.
    func findings(onset t0: Date, start: Date, end: Date, graph: ServiceGraph) -> [Finding] {
        var out: [Finding] = []
        for (service, events) in errors.sorted(by: { $0.key < $1.key }) {
            guard let (s, since, text) = Self.rise(events, t0, start, end) else { continue }
            out.append(Finding(kind: .log, component: service, causes: [.codeException: 0.3 * s], symptom: s,
                               onset: since, strength: s, summary: "\(service): error lines \(text)"))
        }
        for (key, events) in signatures.sorted(by: { Self.order($0.key, $1.key) }) {
            guard let cause = key.cause, let (rise, since, text) = Self.rise(events, t0, start, end, scale: 4) else { continue }
            let s = rise / Double(key.owners)
            let weight = Signatures.logs.first { $0.cause == cause }?.weight ?? 0.5
            let own = key.observer == key.component
            var causes = [cause: weight * s]
            if cause == .dependencyOutage && graph.kind(key.component) != .external {
                causes = [.dependencyOutage: 0.1 * s]
            }
            out.append(Finding(kind: .log, component: key.component, observedAt: own ? nil : key.observer,
                               causes: causes, symptom: own ? 0.5 * s : 0, blame: own ? 0 : 0.6 * s,
                               onset: since, strength: s, summary: "\(key.observer): \(cause) signature \(text)"))
        }
        for (key, events) in blames.sorted(by: { Self.order($0.key, $1.key) }) {
            guard let (s, since, text) = Self.rise(events, t0, start, end) else { continue }
            let external = graph.kind(key.component) == .external
            out.append(Finding(kind: .log, component: key.component, observedAt: key.observer,
                               causes: external ? [.dependencyOutage: 0.8 * s] : [:], blame: s,
                               onset: since, strength: s,
                               summary: "\(key.observer): errors naming \(key.component) \(text)"))
        }
        return out
    }

    /// Strength in [0, 1], start of the rise and a summary tail, when the events rose after `t0`.
    static func rise(_ events: EventTimes, _ t0: Date, _ start: Date, _ end: Date, scale: Double = 8) -> (Double, Date?, String)? {
        let surge = events.surge(onset: t0, start: start, end: end)
        guard surge.excess >= 2, Double(surge.count) >= 2 * surge.expected + 2 else { return nil }
        let s = 1 - exp(-surge.excess / scale)
        let since = surge.since.map { " since \($0.clock)" } ?? ""
        let text = "'\(events.example.prefix(100))' x\(surge.count)\(since) (≈\(Int(surge.expected.rounded())) expected)"
        return (s, surge.since, text)
    }

    private static func order(_ a: Key, _ b: Key) -> Bool {
        (a.component, a.cause?.rawValue ?? "", a.observer) < (b.component, b.cause?.rawValue ?? "", b.observer)
    }
}
