// Public value types of the template miner.

/// Identifier of a log template. Assigned from a counter when the template is created and
/// kept when the template generalises; when two templates merge, the younger one's ID
/// becomes an alias of the older one (see `TemplateMiner.resolve(_:)`).
public struct TemplateID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The counter value (1 for the first template a miner creates).
    public let rawValue: UInt32
    /// An ID from its counter value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static func < (a: TemplateID, b: TemplateID) -> Bool { a.rawValue < b.rawValue }
    /// `E` followed by the number, e.g. `E12` (Loghub's convention).
    public var description: String { "E\(rawValue)" }
}

/// A mined template with its counters.
public struct LogTemplate: Sendable, Codable, Hashable {
    /// The template's (live) ID.
    public var id: TemplateID
    /// Masked text, variables shown as `<*>`, tokens joined by single spaces.
    public var template: String
    /// Messages assigned to this template (including merged ones).
    public var count: UInt64
    /// Sequence number (1-based count of messages the miner had seen) of the first and
    /// most recent message of this template.
    public var firstSeen: UInt64
    public var lastSeen: UInt64
    /// A few example messages: the first ones, then a sample of later ones.
    public var examples: [String]

    /// A template record from its parts.
    public init(id: TemplateID, template: String, count: UInt64, firstSeen: UInt64, lastSeen: UInt64, examples: [String]) {
        self.id = id
        self.template = template
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.examples = examples
    }
}

/// A change to previously returned IDs, for callers that keep their own references.
public enum TemplateChange: Sendable, Hashable {
    /// `absorbed` now resolves to `survivor` (a position became a variable).
    case merged(absorbed: TemplateID, survivor: TemplateID)
    /// The template was dropped to stay under `maxTemplates` (least recently used first);
    /// `template` is its final text.
    case evicted(TemplateID, template: String)
}

/// Settings of the miner. There is one default, meant for all logs; nothing here is
/// tuned per data set.
public struct TemplateMinerConfiguration: Sendable, Codable, Hashable {
    /// Fraction of a message's tokens that must equal a template's (variables and split
    /// positions count as equal) for the message to join it.
    public var similarityThreshold: Double
    /// Leading tokens used as tree levels below the token-count level.
    public var prefixDepth: Int
    /// Children per tree node before further distinct tokens share a `<*>` child.
    public var maxChildrenPerNode: Int
    /// A position becomes a variable once this many templates agree everywhere else and
    /// differ there (or at once when one of its values is a masked variable).
    public var distinctValuesForVariable: Int
    /// Groups per leaf; past it a message joins the most similar group regardless of
    /// the threshold (its differing positions become variables).
    public var maxGroupsPerLeaf: Int
    /// Live templates in total; past it split positions generalise, and when a new
    /// group is still needed the least recently used templates are evicted.
    public var maxTemplates: Int
    /// Templates sharing one group (differing only in split positions); past it the
    /// split position with the most values becomes a variable.
    public var maxTemplatesPerGroup: Int
    /// Tokens per message; the rest of a longer message becomes one trailing `<*>`.
    public var maxTokens: Int
    /// Example messages kept per template, and their maximum length in bytes.
    public var examplesPerTemplate: Int
    public var maxExampleBytes: Int
    /// Distinct message shapes remembered for the fast path.
    public var shapeCacheCapacity: Int

    /// The defaults are the one configuration; out-of-range values are clamped.
    public init(
        similarityThreshold: Double = 0.5,
        prefixDepth: Int = 2,
        maxChildrenPerNode: Int = 100,
        distinctValuesForVariable: Int = 4,
        maxGroupsPerLeaf: Int = 32,
        maxTemplates: Int = 20_000,
        maxTemplatesPerGroup: Int = 64,
        maxTokens: Int = 128,
        examplesPerTemplate: Int = 3,
        maxExampleBytes: Int = 512,
        shapeCacheCapacity: Int = 65_536
    ) {
        self.similarityThreshold = similarityThreshold
        self.prefixDepth = max(0, prefixDepth)
        self.maxChildrenPerNode = max(1, maxChildrenPerNode)
        self.distinctValuesForVariable = max(2, distinctValuesForVariable)
        self.maxGroupsPerLeaf = max(1, maxGroupsPerLeaf)
        self.maxTemplates = max(1, maxTemplates)
        self.maxTemplatesPerGroup = max(1, maxTemplatesPerGroup)
        self.maxTokens = max(2, maxTokens)
        self.examplesPerTemplate = max(0, examplesPerTemplate)
        self.maxExampleBytes = max(16, maxExampleBytes)
        self.shapeCacheCapacity = max(0, shapeCacheCapacity)
    }

    /// The one default configuration.
    public static let `default` = TemplateMinerConfiguration()
}
