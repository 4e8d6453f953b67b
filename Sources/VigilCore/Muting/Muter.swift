import Foundation

/// Why an alert is muted, if it is.
public struct MuteReason: Sendable, Hashable {
    public var silences: [String]
    public var inhibitors: [Fingerprint]

    public init(silences: [String] = [], inhibitors: [Fingerprint] = []) {
        self.silences = silences
        self.inhibitors = inhibitors
    }

    public var isMuted: Bool { !silences.isEmpty || !inhibitors.isEmpty }
}

/// Silences and inhibition behind one question, as one mute stage serves both.
///
/// ```swift
/// let reason = muter.mutes(alert.labels, at: now)
/// if reason.isMuted { /* store, but open no incident */ }
/// ```
public protocol Muter: Sendable {
    func mutes(_ labels: LabelSet, at now: Date) -> MuteReason
}

/// Mutes by the silences it was built with.
public struct SilenceMuter: Muter {
    public var silences: [Silence]
    public init(silences: [Silence]) { self.silences = silences }

    public func mutes(_ labels: LabelSet, at now: Date) -> MuteReason {
        MuteReason(silences: silences.filter { $0.mutes(labels, at: now) }.map(\.id))
    }
}

/// Mutes by inhibition rules against a snapshot of firing alerts.
public struct InhibitionMuter: Muter {
    public var rules: [InhibitRule]
    /// Firing alerts that may act as sources.
    public var firing: [Fingerprint: LabelSet]

    public init(rules: [InhibitRule], firing: [Fingerprint: LabelSet]) {
        self.rules = rules
        self.firing = firing
    }

    public func mutes(_ labels: LabelSet, at now: Date) -> MuteReason {
        guard !rules.isEmpty else { return MuteReason() }
        var sources: Set<Fingerprint> = []
        for rule in rules where rule.isTarget(labels) {
            for (fp, src) in firing where rule.inhibits(source: src, target: labels) { sources.insert(fp) }
        }
        return MuteReason(inhibitors: sources.sorted())
    }
}

/// Asks several muters and unites their reasons.
public struct CompositeMuter: Muter {
    public var muters: [any Muter]
    public init(_ muters: [any Muter]) { self.muters = muters }

    public func mutes(_ labels: LabelSet, at now: Date) -> MuteReason {
        var r = MuteReason()
        for m in muters {
            let x = m.mutes(labels, at: now)
            r.silences += x.silences
            r.inhibitors += x.inhibitors
        }
        return r
    }
}
