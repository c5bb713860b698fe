@testable import FeedSiftDedupe

/// Places items one by one the way the daemon does (decide, write, commit),
/// keeping the "store" in dictionaries: which story each item is in, which
/// original it copies, and why it joined.
final class DedupeHarness {
    let index: DedupeIndex
    let extractor = FeatureExtractor()
    private(set) var storyOf: [Int64: Int64] = [:]
    private(set) var copyOf: [Int64: Int64] = [:]
    private(set) var reasons: [Int64: String] = [:]
    private(set) var features: [Int64: ItemFeatures] = [:]
    private var nextID: Int64 = 1

    init(window: Double = 7 * 86400) {
        index = DedupeIndex(policy: DedupePolicy(window: window))
    }

    /// Places `item` and returns its id and the decision.
    @discardableResult
    func place(_ item: NewsItem, boilerplate: SourceBoilerplate = .empty) -> (id: Int64, placement: Placement) {
        let itemFeatures = extractor.features(of: item.input, boilerplate: boilerplate)
        let placement = index.decide(itemFeatures)
        let id = nextID
        nextID += 1
        let story = placement.storyID ?? id
        for absorbed in placement.mergedStoryIDs {
            for (item, itemStory) in storyOf where itemStory == absorbed { storyOf[item] = story }
        }
        storyOf[id] = story
        if let copy = placement.copyOf { copyOf[id] = copy }
        reasons[id] = placement.reason
        if let root = placement.newRoot(incomingItemID: id) {
            let former = Set(placement.formerRoots)
            for (item, original) in copyOf where former.contains(original) && item != root { copyOf[item] = root }
            for formerRoot in placement.formerRoots where formerRoot != root {
                copyOf[formerRoot] = root
                reasons[formerRoot] = placement.reason(forFormerRoot: formerRoot, newRoot: root, incomingItemID: id)
            }
        }
        index.commit(placement, itemID: id, storyID: story, features: itemFeatures)
        features[id] = itemFeatures
        return (id, placement)
    }

    func sameStory(_ first: Int64, _ second: Int64) -> Bool { storyOf[first] == storyOf[second] }

    /// Items grouped by story, as sets, for order-independence checks.
    var partition: Set<Set<String>> {
        Set(Dictionary(grouping: storyOf.keys) { storyOf[$0] ?? 0 }.values.map { Set($0.map { titles[$0] ?? "" }) })
    }

    private var titles: [Int64: String] = [:]

    func remember(_ id: Int64, as name: String) { titles[id] = name }
}

/// A feed item for tests: headline, text and date (hours after a base time).
struct NewsItem {
    var title: String
    var text: String?
    var hours: Double = 0
    var link: String?
    var identity: String?

    static let baseTime = 1_790_000_000.0

    var input: DedupeInput {
        DedupeInput(
            title: title, summaryText: text, contentText: nil, canonicalURL: link.flatMap(CanonicalURL.canonicalize),
            eventTime: Self.baseTime + hours * 3600, identity: identity ?? link ?? title)
    }
}
