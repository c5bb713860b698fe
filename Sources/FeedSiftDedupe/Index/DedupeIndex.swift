/// The in-memory index of the items in the deduplication window: it decides
/// where a new item goes (`decide`) and learns the outcome (`commit`).
///
/// An item costs a fixed record, its packed story features, a 192-byte
/// MinHash signature, a 4-byte entry per LSH band and exact key, and a
/// posting per indexed term, all in chunked storage without per-item
/// allocations; `memoryBytes` adds it up. A new item is compared with the
/// few items that share a band, a fingerprint or rare terms with it, never
/// with the whole window.
///
/// The index is a cache of what the store holds: it is rebuilt from stored
/// features at start-up (`load`) and trimmed to the window as time passes
/// (`evict`). Not thread-safe; its owner serializes access.
public final class DedupeIndex {
    public let policy: DedupePolicy

    /// Terms per item with postings: its headline terms (a headline-only
    /// item of the story has nothing else to be found by), then the rarest
    /// when the item arrived. The rest only count towards frequencies.
    static let postedTerms = 20
    /// Records per storage chunk: 2^12.
    private static let recordChunkShift = 12

    var records = ChunkedArray<Record>(chunkShift: recordChunkShift, filler: Record())
    var signatures = SignatureStore()
    var payloads = PayloadArena()
    private var freeSlots: [Int32] = []
    var bandTables = (0..<MinHashSignature.bands).map { band in
        SlotTable(stagger: Double(band) / Double(MinHashSignature.bands))
    }
    var urlTable = SlotTable()
    var bodyTable = SlotTable()
    var headlineTable = SlotTable()
    var postings = TermPostings()
    /// Each item's slot and each story's first member, filed under the
    /// hash of the id (see `DedupeIndex+IDTables.swift`).
    var itemTable = SlotTable()
    var storyHeadTable = SlotTable()
    public private(set) var count = 0
    /// Slots allocated, live or free: the index's storage never shrinks,
    /// it reuses the slots of evicted items.
    public var slotCount: Int { records.count }
    /// Reused by every `decide` to rank story candidates.
    var scratchScores = CandidateScores()

    public init(policy: DedupePolicy) {
        self.policy = policy
    }

    /// Whether the item is in the index.
    public func contains(itemID: Int64) -> Bool { slot(ofItem: itemID) != nil }

    /// The original of an item's copy group (the item itself when it is one).
    public func copyRoot(ofItem itemID: Int64) -> Int64? { slot(ofItem: itemID).map { records[Int($0)].copyRoot } }

    func payload(_ slot: Int32) -> CompactFeatures {
        let record = records[Int(slot)]
        return payloads.view(record.payload)
    }

    /// The members of a story, most recently added first, at most `limit`.
    func members(of story: Int64, limit: Int = .max) -> [Int32] {
        var result: [Int32] = []
        var slot = storyHead(of: story) ?? -1
        while slot >= 0 && result.count < limit {
            result.append(slot)
            slot = records[Int(slot)].nextInStory
        }
        return result
    }

    // MARK: Adding and removing items

    /// Adds a stored item: at start-up, or when the window reaches back to
    /// a late item's time. `copyOf` is the item's stored original. An id
    /// below 1, which the store never gives, is ignored (0 marks a free
    /// slot).
    public func load(itemID: Int64, storyID: Int64, copyOf: Int64?, features: ItemFeatures) {
        guard itemID > 0, slot(ofItem: itemID) == nil else { return }
        insert(itemID: itemID, storyID: storyID, copyRoot: copyOf ?? itemID, features: features)
    }

    /// Removes every item whose event time is before `time`.
    public func evict(before time: Double) {
        var doomed = [Bool](repeating: false, count: records.count)
        var doomedCount = 0
        for slot in 0..<records.count where records[slot].isLive && records[slot].eventTime < time {
            doomed[slot] = true
            doomedCount += 1
        }
        // Many at once (a trim after a cycle that reached back in time):
        // filter each posting list once instead of searching it per item.
        let bulk = doomedCount > Self.bulkEviction
        if bulk {
            postings.removePostings { doomed[Int($0)] }
            forEachTable { table in
                let keyOf = { (slot: Int32) in self.key(of: slot, in: table) }
                switch table {
                case .url: urlTable.removeAll(where: { doomed[Int($0)] }, keyOf: keyOf)
                case .body: bodyTable.removeAll(where: { doomed[Int($0)] }, keyOf: keyOf)
                case .headline: headlineTable.removeAll(where: { doomed[Int($0)] }, keyOf: keyOf)
                case .band(let band): bandTables[band].removeAll(where: { doomed[Int($0)] }, keyOf: keyOf)
                }
            }
        }
        for slot in 0..<doomed.count where doomed[slot] { remove(slot: Int32(slot), inBulk: bulk) }
        if payloads.needsCompaction { compactPayloads() }
    }

    /// Evictions larger than this filter the posting lists in one pass.
    private static let bulkEviction = 256

    /// Removes everything (the store is the truth; reload from it).
    public func removeAll() {
        evict(before: .infinity)
    }

    @discardableResult
    func insert(itemID: Int64, storyID: Int64, copyRoot: Int64, features: ItemFeatures) -> Int32 {
        let slot = allocateSlot()
        let index = Int(slot)
        let hasSignature = features.signature.count == MinHashSignature.size
        let words = CompactFeatures.pack(features)
        var record = Record(
            itemID: itemID, storyID: storyID, copyRoot: copyRoot, features: features,
            payload: payloads.append(words), hasSignature: hasSignature)
        record.postedTerms = choosePostedTerms(features.terms)
        let head = storyHead(of: storyID)
        if let head {
            record.nextInStory = head
            records[Int(head)].previousInStory = slot
        }
        records[index] = record
        setStoryHead(of: storyID, from: head, to: slot)
        if hasSignature { signatures.store(features.signature, slot: index) }
        forEachKey(of: slot) { table, key in tableInsert(table, key: key, slot: slot) }
        for (position, term) in features.terms.enumerated() {
            postings.add(slot, term: TermEntry.id(term), indexed: record.postedTerms & (1 << UInt64(position)) != 0)
        }
        itemTable.insert(key: Self.idKey(itemID), slot: slot) { self.itemKey(ofSlot: $0) }
        count += 1
        return slot
    }

    /// The positions of the terms that get postings: headline terms (weight
    /// two or more), then the rarest in the window now; at most `postedTerms`.
    private func choosePostedTerms(_ terms: [UInt32]) -> UInt64 {
        // Ranked by (headline term first, frequency, position), packed into
        // one integer per term so the sort compares plain integers: the
        // order is the tuples' (a frequency is far below 2^53, a position
        // below 64).
        var ranked = terms.prefix(64).enumerated().map { position, term in
            let rest: UInt64 = TermEntry.weight(term) >= 2 ? 0 : 1 << 62
            let frequency = UInt64(min(postings.documentFrequency(TermEntry.id(term)), 1 << 53))
            return rest | frequency << 8 | UInt64(position)
        }
        ranked.sort()
        var mask: UInt64 = 0
        for key in ranked.prefix(Self.postedTerms) { mask |= 1 << (key & 0xFF) }
        return mask
    }

    /// Removes one item. `inBulk`: its postings and key-table entries are
    /// already gone (removed for many items at once by `evict`).
    func remove(slot: Int32, inBulk: Bool = false) {
        let index = Int(slot)
        let record = records[index]
        guard record.isLive else { return }
        if !inBulk { forEachKey(of: slot) { table, key in tableRemove(table, key: key, slot: slot) } }
        let compact = payload(slot)
        for position in 0..<compact.termCount {
            postings.remove(
                slot, term: TermEntry.id(compact.term(position)),
                indexed: !inBulk && record.postedTerms & (1 << UInt64(position)) != 0)
        }
        unlinkFromStory(slot)
        itemTable.remove(key: Self.idKey(record.itemID), slot: slot) { self.itemKey(ofSlot: $0) }
        payloads.release(record.payload)
        records[index] = Record()
        freeSlots.append(slot)
        count -= 1
    }

    private func unlinkFromStory(_ slot: Int32) {
        let record = records[Int(slot)]
        if record.previousInStory >= 0 {
            records[Int(record.previousInStory)].nextInStory = record.nextInStory
        } else {
            setStoryHead(of: record.storyID, from: slot, to: record.nextInStory >= 0 ? record.nextInStory : nil)
        }
        if record.nextInStory >= 0 { records[Int(record.nextInStory)].previousInStory = record.previousInStory }
    }

    private func allocateSlot() -> Int32 {
        if let slot = freeSlots.popLast() { return slot }
        let slot = Int32(records.count)
        precondition(slot <= SlotTable.maximumSlot, "the deduplication index holds at most 16 million items")
        records.grow(by: 1)
        signatures.reserve(slot: Int(slot))
        return slot
    }

    /// Rewrites the payload arena without the removed items' words.
    private func compactPayloads() {
        var fresh = PayloadArena()
        for slot in 0..<records.count where records[slot].isLive {
            records[slot].payload = fresh.append(Array(payload(Int32(slot)).words))
        }
        payloads = fresh
    }

    // MARK: Keys

    /// Which table a key lives in.
    enum KeyTable: Equatable {
        case band(Int)
        case url
        case body
        case headline
    }

    /// Every key a slot is filed under.
    private func forEachKey(of slot: Int32, _ body: (KeyTable, UInt64) -> Void) {
        let record = records[Int(slot)]
        if record.urlKey != 0 { body(.url, record.urlKey) }
        if record.bodyKey != 0 { body(.body, record.bodyKey) }
        if record.isHeadlineOnly && record.headlineKey != 0 { body(.headline, record.headlineKey) }
        if record.hasSignature {
            for band in 0..<MinHashSignature.bands { body(.band(band), key(of: slot, in: .band(band))) }
        }
    }

    /// Every key table.
    private func forEachTable(_ body: (KeyTable) -> Void) {
        body(.url)
        body(.body)
        body(.headline)
        for band in 0..<MinHashSignature.bands { body(.band(band)) }
    }

    /// A slot's key in a table, recomputed from what the slot stores.
    func key(of slot: Int32, in table: KeyTable) -> UInt64 {
        switch table {
        case .url: return records[Int(slot)].urlKey
        case .body: return records[Int(slot)].bodyKey
        case .headline: return records[Int(slot)].headlineKey
        case .band(let band):
            return withSignature(of: slot) { MinHashSignature.bandKey($0, band: band) }
        }
    }

    func withSignature<Result>(of slot: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        signatures.withSignature(slot: Int(slot), body)
    }

    private func tableInsert(_ table: KeyTable, key: UInt64, slot: Int32) {
        let keyOf = { (other: Int32) in self.key(of: other, in: table) }
        switch table {
        case .url: urlTable.insert(key: key, slot: slot, keyOf: keyOf)
        case .body: bodyTable.insert(key: key, slot: slot, keyOf: keyOf)
        case .headline: headlineTable.insert(key: key, slot: slot, keyOf: keyOf)
        case .band(let band): bandTables[band].insert(key: key, slot: slot, keyOf: keyOf)
        }
    }

    private func tableRemove(_ table: KeyTable, key: UInt64, slot: Int32) {
        let keyOf = { (other: Int32) in self.key(of: other, in: table) }
        switch table {
        case .url: urlTable.remove(key: key, slot: slot, keyOf: keyOf)
        case .body: bodyTable.remove(key: key, slot: slot, keyOf: keyOf)
        case .headline: headlineTable.remove(key: key, slot: slot, keyOf: keyOf)
        case .band(let band): bandTables[band].remove(key: key, slot: slot, keyOf: keyOf)
        }
    }

    /// Live slots filed under `key` in `table` (tags confirmed by the
    /// recomputed key).
    func slots(in table: KeyTable, key: UInt64, _ body: (Int32) -> Void) {
        let lookup: SlotTable
        switch table {
        case .url: lookup = urlTable
        case .body: lookup = bodyTable
        case .headline: lookup = headlineTable
        case .band(let band): lookup = bandTables[band]
        }
        lookup.forEachCandidate(key: key) { slot in
            if self.key(of: slot, in: table) == key { body(slot) }
        }
    }

    // MARK: Learning a decision

    /// Records a placement once the store has written it: the new item
    /// with its id and story, merged stories, re-pointed copy groups.
    public func commit(_ placement: Placement, itemID: Int64, storyID: Int64, features: ItemFeatures) {
        for merged in placement.mergedStoryIDs where merged != storyID {
            moveMembers(of: merged, to: storyID)
        }
        var copyRoot = placement.copyOf ?? itemID
        if let newRoot = placement.newRoot(incomingItemID: itemID) {
            copyRoot = newRoot
            let former = Set(placement.formerRoots)
            for slot in members(of: storyID) where former.contains(records[Int(slot)].copyRoot) {
                records[Int(slot)].copyRoot = newRoot
            }
        }
        insert(itemID: itemID, storyID: storyID, copyRoot: copyRoot, features: features)
    }

    private func moveMembers(of absorbed: Int64, to survivor: Int64) {
        let moving = members(of: absorbed)
        guard let first = moving.first, let last = moving.last else { return }
        // The absorbed story's head entry goes while its records still
        // name that story (the table recomputes keys from them).
        setStoryHead(of: absorbed, from: first, to: nil)
        for slot in moving { records[Int(slot)].storyID = survivor }
        let head = storyHead(of: survivor)
        if let head {
            records[Int(last)].nextInStory = head
            records[Int(head)].previousInStory = last
        }
        setStoryHead(of: survivor, from: head, to: first)
    }

    // MARK: Memory

    /// Bytes the index holds on the heap: records, packed features,
    /// signatures, key tables, postings, and the item and story tables.
    public var memoryBytes: Int {
        var total = records.heapBytes + signatures.heapBytes + payloads.heapBytes
        total += freeSlots.capacity * MemoryLayout<Int32>.stride
        for table in bandTables { total += table.heapBytes }
        total += urlTable.heapBytes + bodyTable.heapBytes + headlineTable.heapBytes + postings.heapBytes
        total += itemTable.heapBytes + storyHeadTable.heapBytes
        return total
    }
}
