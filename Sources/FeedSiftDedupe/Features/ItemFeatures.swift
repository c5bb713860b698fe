/// Everything deduplication compares about one item, computed once when
/// the item arrives (`FeatureExtractor`) and stored with it, so the index
/// can be rebuilt after a restart without re-reading or re-cleaning text.
///
/// Copy level: the canonical URL, the exact cleaned body, the exact
/// headline (for items that are only a headline), and a MinHash signature
/// of the body's word 3-shingles. Story level: weighted terms of the
/// headline and lead, the numbers they state, the direction of the move
/// they report, the reporting periods and the commodities they name.
public struct ItemFeatures: Sendable, Equatable {
    /// When the story happened as far as we know: publication date, else
    /// update date, else first-seen time (seconds since 1970).
    public var eventTime: Double
    /// Breaks ties between items with the same event time, the same way in
    /// every arrival order.
    public var orderKey: UInt64
    /// Hash of the canonical URL; 0 when there is none.
    public var urlKey: UInt64
    /// Hash of the cleaned body's words; 0 when the body is too short to be
    /// a fingerprint.
    public var bodyKey: UInt64
    /// Hash of the cleaned headline's words; 0 for an empty headline.
    public var headlineKey: UInt64
    /// The item has no text beyond its headline.
    public var isHeadlineOnly: Bool
    /// Distinct body shingles (for containment estimates).
    public var shingleCount: Int
    /// `MinHashSignature.size` values, or empty for headline-only items.
    public var signature: [UInt16]
    /// Headline and lead terms, sorted: `TermEntry` packed values.
    public var terms: [UInt32]
    public var numbers: [NumberMention]
    public var direction: NewsCues.Direction
    public var periods: [UInt8]
    /// Commodities the headline names (`NewsCues.subjects`).
    public var subjects: [UInt8]
    /// The word behind each of `terms`, for explanations; not stored
    /// (empty after decoding).
    public var termWords: [String]

    public init(
        eventTime: Double, orderKey: UInt64, urlKey: UInt64, bodyKey: UInt64, headlineKey: UInt64,
        isHeadlineOnly: Bool, shingleCount: Int, signature: [UInt16], terms: [UInt32], numbers: [NumberMention],
        direction: NewsCues.Direction, periods: [UInt8], subjects: [UInt8], termWords: [String] = []
    ) {
        self.eventTime = eventTime
        self.orderKey = orderKey
        self.urlKey = urlKey
        self.bodyKey = bodyKey
        self.headlineKey = headlineKey
        self.isHeadlineOnly = isHeadlineOnly
        self.shingleCount = shingleCount
        self.signature = signature
        self.terms = terms
        self.numbers = numbers
        self.direction = direction
        self.periods = periods
        self.subjects = subjects
        self.termWords = termWords
    }

    public static func == (lhs: ItemFeatures, rhs: ItemFeatures) -> Bool {
        lhs.eventTime == rhs.eventTime && lhs.orderKey == rhs.orderKey && lhs.urlKey == rhs.urlKey
            && lhs.bodyKey == rhs.bodyKey && lhs.headlineKey == rhs.headlineKey
            && lhs.isHeadlineOnly == rhs.isHeadlineOnly && lhs.shingleCount == rhs.shingleCount
            && lhs.signature == rhs.signature && lhs.terms == rhs.terms && lhs.numbers == rhs.numbers
            && lhs.direction == rhs.direction && lhs.periods == rhs.periods && lhs.subjects == rhs.subjects
    }

    /// The word behind term `id`, when known.
    public func word(ofTerm id: UInt32) -> String? {
        guard termWords.count == terms.count,
            let index = terms.firstIndex(where: { TermEntry.id($0) == id })
        else { return nil }
        return termWords[index]
    }

    /// Whether `self` comes before `other` in story time (earlier event,
    /// ties broken by `orderKey`).
    public func isEarlier(than other: ItemFeatures) -> Bool {
        (eventTime, orderKey) < (other.eventTime, other.orderKey)
    }
}

/// A term with its weight in one 32-bit value: the top 28 bits identify
/// the term (a slice of its stable hash), the low 4 bits are its weight
/// (two per headline occurrence, one per lead occurrence, at most 15).
public enum TermEntry {
    public static let maximumWeight: UInt32 = 15

    @inline(__always) public static func id(_ entry: UInt32) -> UInt32 { entry >> 4 }
    @inline(__always) public static func weight(_ entry: UInt32) -> UInt32 { entry & 0xF }

    static func id(ofHash hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 36) }
}
