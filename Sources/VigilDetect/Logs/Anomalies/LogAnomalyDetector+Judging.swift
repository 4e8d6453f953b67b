import Foundation
import VigilCore

extension LogAnomalyDetector {
    /// Tests a template series' window against its baseline; returns whether a rate anomaly is open (the baseline then learns slowly).
    mutating func judgeRate(_ key: SeriesKey, _ s: CountSeries, minute: Int64, now: Date) -> Bool {
        let c = configuration
        let subject = Self.subject(key.template)
        let spikeKey = OpenKey(kind: .rateSpike, service: key.service, subject: subject)
        let dropKey = OpenKey(kind: .rateDrop, service: key.service, subject: subject)
        guard s.window.count == c.windowMinutes, s.closedMinutes > c.minBaselineMinutes else {
            return open[spikeKey] != nil || open[dropKey] != nil
        }
        let observed = s.windowSum
        // Each minute of the window is expected at its own hour's rate, so a daily ramp is not a spike.
        let minutes = (minute - Int64(c.windowMinutes) + 1)...minute
        let rates = minutes.map { s.expectedRate(hour: Self.hourOfDay($0)) }
        let expected = rates.reduce(0, +)
        let phi = s.dispersion
        let pUp = CountTests.poissonUpper(observed / phi, mean: expected / phi)
        let pDown = CountTests.poissonLower(observed / phi, mean: expected / phi)
        let evidence = { (p: Double, test: String) in
            AnomalyEvidence(templateID: Int64(key.template), observed: observed, expected: expected,
                            lower: Self.quantileBand(expected, phi).lower, upper: Self.quantileBand(expected, phi).upper,
                            before: expected, after: observed, pValue: p, windowSeconds: Double(c.windowMinutes * 60),
                            details: ["test": test, "dispersion": String(format: "%.2f", phi)],
                            summary: String(format: "%.0f lines in the last %d min; %.1f expected (band %.0f–%.0f), p = %.2g",
                                            observed, c.windowMinutes, expected, Self.quantileBand(expected, phi).lower,
                                            Self.quantileBand(expected, phi).upper, p))
        }
        if open[spikeKey] == nil {
            if observed >= c.minSpikeLines, pUp < c.alpha {
                let onset = onsetMinute(s.window, rates, minute: minute) { $0 > $1 + 3 * ($1 * phi).squareRoot() + 1 }
                openAnomaly(spikeKey, host: s.host, title: "\(key.service): log rate spike on \(subject)",
                            score: CountTests.score(pValue: pUp, alpha: c.alpha), severity: .warning,
                            onset: onset, now: now, evidence: evidence(pUp, "poisson, upper tail"))
            }
        } else if pUp > c.closeAlpha {
            close(spikeKey, at: now)
        }
        if open[dropKey] == nil {
            if expected >= c.minDropExpected, pDown < c.alpha {
                let onset = onsetMinute(s.window, rates, minute: minute) { $0 < $1 - 3 * ($1 * phi).squareRoot() }
                openAnomaly(dropKey, host: s.host, title: "\(key.service): log rate drop on \(subject)",
                            score: CountTests.score(pValue: pDown, alpha: c.alpha), severity: .warning,
                            onset: onset, now: now, evidence: evidence(pDown, "poisson, lower tail"))
            }
        } else if pDown > c.closeAlpha {
            close(dropKey, at: now)
        }
        return open[spikeKey] != nil || open[dropKey] != nil
    }

    /// Opens a heartbeat anomaly when a regular sparse template misses its beats; closes it when a line arrives.
    mutating func judgeHeartbeat(_ key: SeriesKey, _ s: CountSeries, lines: Double, minute: Int64, now: Date) {
        let hbKey = OpenKey(kind: .heartbeatSilent, service: key.service, subject: Self.subject(key.template))
        if lines > 0 {
            if open[hbKey] != nil { close(hbKey, at: now) }
            return
        }
        guard open[hbKey] == nil,
              let deadline = s.heartbeatDeadline(minBeats: configuration.heartbeatMinBeats,
                                                 maxLinesPerBeat: configuration.heartbeatMaxLinesPerBeat) else { return }
        let silent = Double(minute - max(s.lastActiveMinute, resumedMinute &- 1))
        guard silent > deadline else { return }
        let evidence = AnomalyEvidence(
            templateID: Int64(key.template), observed: silent, expected: s.gapMean,
            upper: deadline, details: ["beats": "\(s.beats)", "gap_deviation_minutes": String(format: "%.1f", s.gapDeviation)],
            summary: String(format: "silent for %.0f min; it arrived every %.1f min (±%.1f) over %d beats",
                            silent, s.gapMean, s.gapDeviation, s.beats))
        openAnomaly(hbKey, host: s.host, title: "\(key.service): expected log line stopped (\(Self.subject(key.template)))",
                    score: min(1, 0.5 + (silent - deadline) / (2 * max(deadline, 1))), severity: .warning,
                    onset: Self.date(minute: s.lastActiveMinute + 1), now: now, evidence: evidence)
    }

    /// Tests a service's share of error lines in the window against its baseline share.
    mutating func judgeErrorRatio(_ service: String, _ s: CountSeries, now: Date, minute: Int64) -> Bool {
        let c = configuration
        let key = OpenKey(kind: .errorRatio, service: service, subject: "service")
        guard s.window.count == c.windowMinutes, s.closedMinutes > c.minBaselineMinutes, s.mean > 0 else {
            return open[key] != nil
        }
        let lines = s.windowSum, errors = s.windowErrorSum
        let baseline = min(0.999, max(0.002, s.errorMean / s.mean))
        let share = lines > 0 ? errors / lines : 0
        let p = CountTests.binomialUpper(errors, trials: lines, p: baseline)
        if open[key] == nil {
            if errors >= c.minErrorLines, share - baseline >= c.minErrorRatioRise, p < c.alpha {
                let evidence = AnomalyEvidence(
                    observed: share, expected: baseline, before: baseline * lines, after: errors, pValue: p,
                    windowSeconds: Double(c.windowMinutes * 60), details: ["test": "binomial, upper tail", "lines": "\(Int(lines))"],
                    summary: String(format: "%.0f of %.0f lines were errors (%.1f%%) in the last %d min; baseline %.1f%%, p = %.2g",
                                    errors, lines, share * 100, c.windowMinutes, baseline * 100, p))
                openAnomaly(key, host: nil, title: String(format: "%@: error share rose to %.0f%%", service, share * 100),
                            score: CountTests.score(pValue: p, alpha: c.alpha), severity: .error,
                            onset: onsetMinute(s.windowErrors, s.windowErrors.map { _ in baseline * s.mean }, minute: minute) {
                                $0 > $1 + 3 * $1.squareRoot() + 1
                            }, now: now, evidence: evidence)
            }
        } else if p > c.closeAlpha || share - baseline < c.minErrorRatioRise / 2 {
            close(key, at: now)
        }
        return open[key] != nil
    }

    mutating func reportNewTemplate(_ o: LogObservation, _ new: LogObservation.NewTemplate, now: Date) {
        let score = NewTemplateScore.score(level: new.level, template: new.template)
        guard score >= configuration.newTemplateMinScore else { return }
        let key = OpenKey(kind: .newTemplate, service: o.service, subject: Self.subject(o.templateID))
        guard open[key] == nil else { return }
        let evidence = AnomalyEvidence(
            template: new.template, templateID: Int64(o.templateID), observed: Double(o.lines), expected: 0,
            before: 0, after: Double(o.lines), details: ["level": new.level ?? "unknown"],
            summary: "first seen from \(o.service) after its learning period, level \(new.level ?? "unknown")")
        openAnomaly(key, host: o.host.isEmpty ? nil : o.host, title: "\(o.service): new log template: \(new.template.prefix(120))",
                    score: score, severity: NewTemplateScore.severity(level: new.level, template: new.template),
                    onset: now, now: now, evidence: evidence)
    }

    // MARK: - Bookkeeping

    mutating func openAnomaly(_ key: OpenKey, host: String?, title: String, score: Double, severity: Severity,
                              onset: Date, now: Date, evidence: AnomalyEvidence) {
        let a = Anomaly(id: IdentifierGenerator().make("anm", at: now), source: .logs, kind: key.kind, service: key.service,
                        host: host.flatMap { $0.isEmpty ? nil : $0 }, subject: key.subject, title: title, score: score,
                        severity: severity, onset: min(onset, now), detectedAt: now, evidence: evidence)
        open[key] = a
        report.opened.append(a)
    }

    mutating func close(_ key: OpenKey, at now: Date) {
        guard var a = open.removeValue(forKey: key) else { return }
        a.resolvedAt = now
        if let i = report.opened.firstIndex(where: { $0.id == a.id }) { report.opened.remove(at: i) }
        report.closed.append(a)
    }

    mutating func closeAll(service: String, subject: String, at now: Date) {
        for key in open.keys where key.service == service && key.subject == subject { close(key, at: now) }
    }

    /// The first minute of the window whose count looks anomalous, as a date.
    func onsetMinute(_ window: [Double], _ expected: [Double], minute: Int64, _ unusual: (Double, Double) -> Bool) -> Date {
        let first = window.indices.first { unusual(window[$0], expected[$0]) } ?? (window.count - 1)
        return Self.date(minute: minute - Int64(window.count - 1 - max(0, first)))
    }

    static func hourOfDay(_ minute: Int64) -> Int { Int(((minute % 1440) + 1440) % 1440 / 60) }

    static func date(minute: Int64) -> Date { Date(timeIntervalSince1970: Double(minute) * 60) }

    /// A rough 99.9% band for an overdispersed count with mean `m` (normal approximation).
    static func quantileBand(_ m: Double, _ phi: Double) -> (lower: Double, upper: Double) {
        let sd = (m * phi).squareRoot()
        return (max(0, m - 3.3 * sd), m + 3.3 * sd)
    }
}
