/// Per-item working memory of the matcher: the item's words, the trigger
/// atoms found in them, which leaves are known and true, which queries to
/// evaluate. Tables indexed by leaf and query are allocated once and
/// invalidated by bumping `generation`, so starting a new item costs
/// nothing per rule; the other lists are reused from item to item.
///
/// A scratch serves one classification at a time: the matcher's pool
/// hands it out, and the matcher frees the memory of every scratch it
/// made when it is released. It is a struct used `inout`, so its hot
/// paths carry no run-time exclusivity checks.
struct MatchScratch: @unchecked Sendable {
    private(set) var generation: UInt32 = 0
    var words = ItemWords()
    /// Trigger atoms found in the words: (atom, word index).
    private(set) var hits: ScratchBuffer<(atom: Int32, word: Int32)>
    private(set) var candidates: ScratchBuffer<Int32>
    /// A leaf is known (decided for this item) when its stamp is the
    /// generation, and true when its true-stamp is.
    private let leafKnown: UnsafeMutablePointer<UInt32>
    private let leafTrue: UnsafeMutablePointer<UInt32>
    private let queryStamp: UnsafeMutablePointer<UInt32>
    private let counts: (leaves: Int, queries: Int)
    /// Whether the feed, tag and domain leaves have been decided for this item.
    var valuesKnown = false
    /// Word lookups made by scanning the words; after a few, `wordIndex` is built.
    var wordScans = 0
    var wordIndex = ItemWordIndex()

    init(leafCount: Int, queryCount: Int) {
        counts = (max(1, leafCount), max(1, queryCount))
        leafKnown = .allocate(capacity: counts.leaves)
        leafKnown.initialize(repeating: 0, count: counts.leaves)
        leafTrue = .allocate(capacity: counts.leaves)
        leafTrue.initialize(repeating: 0, count: counts.leaves)
        queryStamp = .allocate(capacity: counts.queries)
        queryStamp.initialize(repeating: 0, count: counts.queries)
        hits = ScratchBuffer(capacity: 64)
        candidates = ScratchBuffer(capacity: 64)
    }

    func deallocate() {
        leafKnown.deallocate()
        leafTrue.deallocate()
        queryStamp.deallocate()
        words.deallocate()
        hits.deallocate()
        candidates.deallocate()
        wordIndex.deallocate()
    }

    mutating func begin() {
        generation &+= 1
        if generation == 0 {
            leafKnown.update(repeating: 0, count: counts.leaves)
            leafTrue.update(repeating: 0, count: counts.leaves)
            queryStamp.update(repeating: 0, count: counts.queries)
            generation = 1
        }
        words.removeAll()
        hits.removeAll()
        candidates.removeAll()
        valuesKnown = false
        wordScans = 0
        wordIndex.invalidate()
    }

    @inline(__always)
    mutating func addHit(atom: Int32, word: Int) {
        hits.append((atom, Int32(truncatingIfNeeded: word)))
    }

    @inline(__always)
    func isKnown(leaf: Int32) -> Bool { leafKnown[Int(leaf)] == generation }

    @inline(__always)
    func isTrue(leaf: Int32) -> Bool { leafTrue[Int(leaf)] == generation }

    @inline(__always)
    func setTrue(leaf: Int32) {
        leafKnown[Int(leaf)] = generation
        leafTrue[Int(leaf)] = generation
    }

    @inline(__always)
    func setKnown(leaf: Int32, isTrue: Bool) {
        leafKnown[Int(leaf)] = generation
        if isTrue { leafTrue[Int(leaf)] = generation }
    }

    @inline(__always)
    mutating func addCandidate(query: Int32) {
        guard queryStamp[Int(query)] != generation else { return }
        queryStamp[Int(query)] = generation
        candidates.append(query)
    }
}
