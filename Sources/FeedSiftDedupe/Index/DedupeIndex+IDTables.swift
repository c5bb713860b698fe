/// Finding a slot by item or story id: two `SlotTable`s filed under a hash
/// of the id, which the slot's record confirms (`itemID`, `storyID`).
///
/// Why not dictionaries: `[Int64: Int32]` costs 12 bytes and a metadata
/// bit per bucket at three-quarters load at most, and doubles when it
/// grows. For the 53,261 items of the benchmark's cold cycle that was
/// 2.4 MB of the index, against about 0.6 MB here, and a SipHash per
/// lookup.
extension DedupeIndex {
    /// The key an id is filed under: its bits mixed, since ids are small
    /// consecutive integers and a table takes its home bucket from the
    /// low bits and its tag from the high ones.
    static func idKey(_ id: Int64) -> UInt64 {
        StableHash.mix(UInt64(bitPattern: id))
    }

    /// The slot of a live item in the index.
    func slot(ofItem itemID: Int64) -> Int32? {
        itemTable.first(key: Self.idKey(itemID)) { records[Int($0)].itemID == itemID }
    }

    /// The first member of a story (the one added last).
    func storyHead(of storyID: Int64) -> Int32? {
        storyHeadTable.first(key: Self.idKey(storyID)) { records[Int($0)].storyID == storyID }
    }

    /// Makes `newHead` (nil: none, the story has no members left) the
    /// first member of the story whose first member was `oldHead` (nil:
    /// none yet). Every record involved must name `storyID`.
    func setStoryHead(of storyID: Int64, from oldHead: Int32?, to newHead: Int32?) {
        let key = Self.idKey(storyID)
        switch (oldHead, newHead) {
        case (let previous?, let next?):
            storyHeadTable.replace(key: key, slot: previous, with: next)
        case (let previous?, nil):
            storyHeadTable.remove(key: key, slot: previous) { self.storyKey(ofSlot: $0) }
        case (nil, let next?):
            storyHeadTable.insert(key: key, slot: next) { self.storyKey(ofSlot: $0) }
        case (nil, nil):
            break
        }
    }

    /// What `itemTable` files a slot under, recomputed from its record.
    func itemKey(ofSlot slot: Int32) -> UInt64 {
        Self.idKey(records[Int(slot)].itemID)
    }

    /// What `storyHeadTable` files a slot under.
    func storyKey(ofSlot slot: Int32) -> UInt64 {
        Self.idKey(records[Int(slot)].storyID)
    }
}
