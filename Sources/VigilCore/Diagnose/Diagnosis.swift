import Foundation

/// One candidate root cause: which component broke, why, how sure, and the
/// evidence (by ID) that says so.
public struct Hypothesis: Sendable, Hashable, Codable {
    public var component: String
    public var cause: CauseKind
    /// In [0, 1]; calibrated so that hypotheses given 0.7 are right about 70% of the time.
    public var confidence: Double
    public var explanation: String
    /// IDs of ``DiagnosisEvidence`` pieces; never an ID that was not collected.
    public var evidence: [String]

    public init(component: String, cause: CauseKind, confidence: Double, explanation: String, evidence: [String]) {
        self.component = component
        self.cause = cause
        self.confidence = confidence
        self.explanation = explanation
        self.evidence = evidence
    }
}

/// Who wrote a diagnosis's explanation text.
public enum TextAuthor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Vigil's rules, no language model.
    case deterministic
    /// A language model, named `provider/model`.
    case model(String)

    public var description: String {
        switch self {
        case .deterministic: "deterministic"
        case .model(let name): name
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = text == "deterministic" ? .deterministic : .model(text)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The ranked answer to "what broke and why", best hypothesis first.
public struct Diagnosis: Sendable, Hashable, Codable {
    public var hypotheses: [Hypothesis]
    /// Every piece of evidence a hypothesis may cite, by ID.
    public var evidence: [DiagnosisEvidence]
    public var author: TextAuthor
    /// When the incident's symptoms began, as the ranking saw it.
    public var onset: Date?

    public init(hypotheses: [Hypothesis], evidence: [DiagnosisEvidence], author: TextAuthor = .deterministic,
                onset: Date? = nil) {
        self.hypotheses = hypotheses
        self.evidence = evidence
        self.author = author
        self.onset = onset
    }

    public var top: Hypothesis? { hypotheses.first }

    /// The evidence piece with this ID, if it was collected.
    public func evidence(id: String) -> DiagnosisEvidence? { evidence.first { $0.id == id } }
}
