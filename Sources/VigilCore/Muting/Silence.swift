import Foundation

/// A silence: alerts matching all matchers between `startsAt` and `endsAt`
/// are stored but open no incident and notify no one.
public struct Silence: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable { case pending, active, expired }

    public var id: String
    public var matchers: [Matcher]
    public var startsAt: Date
    public var endsAt: Date
    public var createdBy: String
    public var comment: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, matchers: [Matcher], startsAt: Date, endsAt: Date, createdBy: String,
                comment: String, createdAt: Date) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    public func state(at now: Date) -> State {
        if now < startsAt { return .pending }
        if now >= endsAt { return .expired }
        return .active
    }

    /// Whether this silence mutes `labels` at `now`.
    public func mutes(_ labels: LabelSet, at now: Date) -> Bool {
        state(at: now) == .active && matchers.allSatisfy { $0.matches(labels) }
    }

    /// Checks what a person could get wrong when creating one.
    public func validate() throws(MatcherError) {
        guard !matchers.isEmpty else { throw MatcherError("a silence needs at least one matcher") }
        guard endsAt > startsAt else { throw MatcherError("endsAt must be after startsAt") }
        // A silence whose matchers all match the empty string would mute every alert.
        if matchers.allSatisfy({ $0.matches([:]) }) {
            throw MatcherError("at least one matcher must not match the empty string (it would silence everything)")
        }
        guard !createdBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw MatcherError("createdBy is required") }
    }
}
