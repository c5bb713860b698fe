/// Why an item is a copy of another, as the join reason names it.
public struct CopyEvidence: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case canonicalURL
        case sameText
        case sameHeadline
        /// Estimated Jaccard resemblance of the bodies' shingles.
        case resemblance(Double)
        /// Estimated containment of the smaller body in the larger.
        case containment(Double)
    }

    public var kind: Kind
    /// The stored item the new item matched.
    public var itemID: Int64

    /// "near-duplicate of item 12 (containment 0.93)", naming `other` as
    /// the item matched.
    public func sentence(matching other: Int64) -> String {
        switch kind {
        case .canonicalURL: "same canonical URL as item \(other)"
        case .sameText: "same text as item \(other)"
        case .sameHeadline: "same headline as item \(other)"
        case .resemblance(let value): "near-duplicate of item \(other) (resemblance \(Self.format(value)))"
        case .containment(let value): "near-duplicate of item \(other) (containment \(Self.format(value)))"
        }
    }

    /// "original of item 12 (near-duplicate, containment 0.93)": the new
    /// item is the earlier one.
    public func originalSentence(of other: Int64) -> String {
        let how =
            switch kind {
            case .canonicalURL: "same canonical URL"
            case .sameText: "same text"
            case .sameHeadline: "same headline"
            case .resemblance(let value): "near-duplicate, resemblance \(Self.format(value))"
            case .containment(let value): "near-duplicate, containment \(Self.format(value))"
            }
        return "original of item \(other) (\(how))"
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return hundredths >= 100 ? "1.00" : "0." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }
}

/// Where a new item goes and what else changes because it arrived: the
/// decision `DedupeIndex.decide` makes, for the store to write and the
/// index to `commit`.
public struct Placement: Sendable {
    /// The story to join; nil opens a new story.
    public var storyID: Int64?
    /// Stories the new item bridges, absorbed into `storyID`.
    public var mergedStoryIDs: [Int64]
    /// The original (earliest item of its copy group) the new item copies.
    public var copyOf: Int64?
    /// Why it joined, as a short sentence; nil when it opens a story.
    public var reason: String?
    /// Copy-group roots that stop being originals: their groups now point
    /// at the new item (when `newItemIsOriginal`) or at `copyOf`.
    public var formerRoots: [Int64]
    /// The new item is earlier than the copies already stored: it becomes
    /// their original.
    public var newItemIsOriginal: Bool
    /// How the new item matched each former root directly, if it did.
    var formerRootEvidence: [Int64: CopyEvidence]

    /// A story of its own.
    public static let newStory = Placement(
        storyID: nil, mergedStoryIDs: [], copyOf: nil, reason: nil, formerRoots: [], newItemIsOriginal: false,
        formerRootEvidence: [:])

    /// The root every former root's group points at, once the new item has
    /// an id.
    public func newRoot(incomingItemID: Int64) -> Int64? {
        guard !formerRoots.isEmpty else { return nil }
        return newItemIsOriginal ? incomingItemID : copyOf
    }

    /// The join reason a former root gets once it is a copy of `newRoot`.
    public func reason(forFormerRoot root: Int64, newRoot: Int64, incomingItemID: Int64) -> String {
        if newRoot == incomingItemID, let evidence = formerRootEvidence[root] {
            return evidence.sentence(matching: incomingItemID)
        }
        return "copy of item \(newRoot), an earlier original of the same text"
    }
}
