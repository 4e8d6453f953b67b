import Foundation

/// One piece of evidence behind a diagnosis. IDs are short and stable within
/// one diagnosis (`A3` alert, `L12` log signature, `M7` metric change, `C1`
/// change event, `T2` topology fact), so a model may cite them and a person
/// can look them up.
public struct DiagnosisEvidence: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case alert, log, metric, change, topology

        /// The ID prefix for this kind.
        public var prefix: String {
            switch self {
            case .alert: "A"
            case .log: "L"
            case .metric: "M"
            case .change: "C"
            case .topology: "T"
            }
        }
    }

    public var id: String
    public var kind: Kind
    /// The component the evidence points at (not necessarily where it was seen).
    public var component: String
    /// Where it was seen, when different from `component` (a caller's log naming a dependency).
    public var observedAt: String?
    /// The cause kinds it supports; empty for a plain symptom.
    public var causes: [CauseKind]
    public var onset: Date?
    /// In [0, 1]: how unusual the signal is against its own baseline.
    public var strength: Double
    /// One line a person reads: what was seen, how often, since when.
    public var summary: String

    public init(id: String, kind: Kind, component: String, observedAt: String? = nil, causes: [CauseKind] = [],
                onset: Date? = nil, strength: Double, summary: String) {
        self.id = id
        self.kind = kind
        self.component = component
        self.observedAt = observedAt
        self.causes = causes
        self.onset = onset
        self.strength = strength
        self.summary = summary
    }
}
