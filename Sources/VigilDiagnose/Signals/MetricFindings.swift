import Foundation
import VigilCore

/// Findings from metric series: what moved after the onset, on which component, pointing at which causes.
enum MetricFindings {
    static func findings(_ metrics: [MetricSeries], onset t0: Date, graph: ServiceGraph) -> [Finding] {
        var out: [Finding] = []
        for series in metrics {
            let owners = components(of: series.labels, graph: graph)
            guard !owners.isEmpty else { continue }
            let share = 1 / Double(owners.count).squareRoot()
            if let cert = certificate(series, owners: owners) { out.append(cert); continue }
            guard let family = MetricFamily.classify(series.name, kind: graph.kind(owners[0])) else { continue }
            let shift = SeriesShift(series.samples, onset: t0, direction: family.direction, trend: family.trend)
            var s = 1 - exp(-max(0, shift.z - 3) / 6)
            if family.label == "cpu", let ceiling = utilisationCeiling(series.name), shift.peak >= 0.9 * ceiling {
                s = max(s, 0.7) // pinned at its limit, however noisy it was before
            }
            var causes = family.causes.mapValues { $0 * s * share }
            if family.trend && shift.trend > 0.8 {
                // growth through the whole time before the onset: the leak itself, not a symptom
                s = max(s, shift.trend * 0.8)
                for (cause, w) in family.causes { causes[cause, default: 0] += w * 6 * (shift.trend - 0.7) / 0.3 * share }
            }
            let selector = selector(series.labels)
            for owner in owners where s >= 0.05 {
                out.append(Finding(kind: .metric, component: owner, causes: causes, symptom: family.symptom * s * share,
                                   onset: shift.onset, strength: s,
                                   summary: "\(selector): \(family.label) \(format(shift.baseline)) → \(format(shift.peak))"
                                       + (shift.onset.map { " since \($0.clock)" } ?? "")
                                       + (shift.trend > 0.8 ? " (steady growth)" : "")))
            }
            if shift.missingExcess >= 2 {
                let m = 1 - exp(-shift.missingExcess / 4)
                for owner in owners {
                    out.append(Finding(kind: .metric, component: owner,
                                       causes: [.networkPartition: 0.3 * m * share, .processCrash: 0.2 * m * share],
                                       symptom: 0.3 * m * share, onset: nil, strength: m,
                                       summary: "\(selector): \(Int(shift.missingExcess)) scrapes missing"))
                }
            }
        }
        return out
    }

    /// The services a series describes: its `service`, or the services on its host or instance.
    static func components(of labels: LabelSet, graph: ServiceGraph) -> [String] {
        if let s = labels["service"], graph.nodes[s] != nil { return [s] }
        for key in ["host", "instance", "node", "pod", "hostname"] {
            if let v = labels[key] {
                let on = graph.services(onInstance: v)
                if !on.isEmpty { return on }
            }
        }
        for key in ["target", "instance", "job", "name", "persistentvolumeclaim", "server"] {
            if let v = labels[key]?.lowercased() {
                let named = graph.mentions(in: v, except: "")
                if !named.isEmpty { return named }
            }
        }
        return []
    }

    /// A certificate-expiry gauge (unix seconds) that fell below the sample time.
    private static func certificate(_ series: MetricSeries, owners: [String]) -> Finding? {
        let n = series.name.lowercased()
        guard (n.contains("cert") || n.contains("ssl")) && n.contains("expir"),
              let last = series.samples.last, last.value > 1e8 else { return nil }
        let left = last.value - last.time.timeIntervalSince1970
        guard left < 86_400 else { return nil }
        let s = left < 0 ? 1.0 : 0.4
        let expiry = Date(timeIntervalSince1970: last.value)
        return Finding(kind: .metric, component: owners[0], causes: [.certificateExpired: s], symptom: 0.5 * s,
                       onset: left < 0 ? expiry : nil, strength: s,
                       summary: "\(selector(series.labels)): certificate expires \(RFC3339.format(expiry))")
    }

    /// 100 for a percentage, 1 for a ratio; nil for absolute amounts (cores, millicores).
    static func utilisationCeiling(_ name: String) -> Double? {
        let n = name.lowercased()
        if n.contains("%") || n.contains("percent") || n.contains("pct") { return 100 }
        if n.contains("ratio") || n.contains("utilisation") || n.contains("utilization") { return 1 }
        return nil
    }

    static func selector(_ labels: LabelSet) -> String {
        let keys = labels.keys.filter { $0 != "__name__" && $0 != "job" }.sorted()
        return (labels["__name__"] ?? "") + "{" + keys.map { "\($0)=\"\(labels[$0]!)\"" }.joined(separator: ",") + "}"
    }

    static func format(_ v: Double) -> String {
        if abs(v) >= 1e6 || (abs(v) < 0.01 && v != 0) { return String(format: "%.3g", v) }
        return String(format: "%.2f", v)
    }
}
