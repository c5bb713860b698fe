import Glibc

/// A hash multimap from 64-bit keys to index slots, in 4 bytes per entry:
/// open addressing with linear probing, each entry an 8-bit tag of its key
/// and the slot number. Keys are not stored: the owner can recompute a
/// slot's key (from its signature or fingerprints), which deletion needs
/// and which callers use to confirm a match the tag suggests.
///
/// Holds up to 2^24 - 1 slots. It grows by half when 85% full: linear
/// probing stays short at that load because the tags let a probe skip
/// other keys' entries without looking at their slots.
struct SlotTable {
    static let maximumSlot = Int32((1 << 24) - 2)

    private var entries: [UInt32]
    private(set) var count = 0
    /// Every size the table takes is scaled by this factor, from 1 up to
    /// the growth factor (see `init(stagger:)`).
    private let sizeScale: Double

    /// An empty table. Tables that are filled in step (the index's 24 band
    /// tables get an entry per item each) would otherwise grow at the same
    /// insertion, and their growth, a pass over every entry of each, would
    /// stall the placement of that one item for all of them at once: a
    /// `stagger` between 0 and 1 scales the table's sizes by a part of the
    /// growth factor, so that tables with staggers spread over that range
    /// grow one after another.
    init(stagger: Double = 0) {
        sizeScale = pow(1.5, min(max(stagger, 0), 1))
        // 64 buckets to start with: the staggered sizes of 24 tables are
        // then distinct integers (from 16, several would round to the same
        // size, and tables of the same size grow in step forever).
        entries = [UInt32](repeating: 0, count: Int(64 * sizeScale))
    }

    @inline(__always) private static func tag(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 56) }

    /// The key's first bucket: its low 32 bits scaled to the table size.
    @inline(__always) private func home(_ key: UInt64) -> Int {
        Int((UInt64(UInt32(truncatingIfNeeded: key)) &* UInt64(entries.count)) >> 32)
    }

    @inline(__always) private func next(_ index: Int) -> Int { index + 1 == entries.count ? 0 : index + 1 }

    /// Adds `slot` under `key` (a slot may appear under many keys, a key
    /// over many slots).
    mutating func insert(key: UInt64, slot: Int32, keyOf: (Int32) -> UInt64) {
        precondition(slot >= 0 && slot <= Self.maximumSlot, "slot \(slot) outside the table's range")
        if (count + 1) * 20 > entries.count * 17 { grow(keyOf: keyOf) }
        place(key: key, slot: slot)
    }

    /// Files `slot` under `key` in the first empty bucket from its home.
    @inline(__always)
    private mutating func place(key: UInt64, slot: Int32) {
        var index = home(key)
        while entries[index] != 0 { index = next(index) }
        entries[index] = Self.tag(key) << 24 | UInt32(slot + 1)
        count += 1
    }

    /// The entry in `key`'s first bucket (0 when it is empty, and then no
    /// slot is filed under `key`). A caller probing many tables reads all
    /// their first buckets before probing any: in a large index each is a
    /// cache miss, and independent loads overlap where the probes, one
    /// after another, would wait for each in turn.
    @inline(__always)
    func firstBucket(key: UInt64) -> UInt32 { entries[home(key)] }

    /// Calls `body` with every slot whose entry's tag matches `key`'s. Most
    /// are true matches; the caller confirms with the recomputed key.
    @inline(__always)
    func forEachCandidate(key: UInt64, _ body: (Int32) -> Void) {
        let tag = Self.tag(key)
        var index = home(key)
        while true {
            let entry = entries[index]
            if entry == 0 { return }
            if entry >> 24 == tag { body(Int32(entry & 0xFF_FFFF) - 1) }
            index = next(index)
        }
    }

    /// The first slot under `key`'s tag that `isMatch` confirms, without
    /// probing further (for keys that name one slot, as ids do).
    @inline(__always)
    func first(key: UInt64, where isMatch: (Int32) -> Bool) -> Int32? {
        let tag = Self.tag(key)
        var index = home(key)
        while true {
            let entry = entries[index]
            if entry == 0 { return nil }
            if entry >> 24 == tag, isMatch(Int32(entry & 0xFF_FFFF) - 1) { return Int32(entry & 0xFF_FFFF) - 1 }
            index = next(index)
        }
    }

    /// Removes `slot`'s entry under `key`, shifting later entries back so
    /// that lookups never need tombstones.
    mutating func remove(key: UInt64, slot: Int32, keyOf: (Int32) -> UInt64) {
        let wanted = Self.tag(key) << 24 | UInt32(slot + 1)
        var index = home(key)
        while entries[index] != wanted {
            if entries[index] == 0 { return }
            index = next(index)
        }
        entries[index] = 0
        count -= 1
        let size = entries.count
        var hole = index
        var probe = next(index)
        while entries[probe] != 0 {
            let entry = entries[probe]
            let entryHome = home(keyOf(Int32(entry & 0xFF_FFFF) - 1))
            // Move the entry into the hole unless its home lies in (hole, probe].
            if (probe - entryHome + size) % size >= (probe - hole + size) % size {
                entries[hole] = entry
                entries[probe] = 0
                hole = probe
            }
            probe = next(probe)
        }
    }

    /// Points `slot`'s entry under `key` at `newSlot`, filed under the same
    /// key (so the entry keeps its bucket). Returns false, changing
    /// nothing, when `slot` has no entry under `key`.
    @discardableResult
    mutating func replace(key: UInt64, slot: Int32, with newSlot: Int32) -> Bool {
        precondition(newSlot >= 0 && newSlot <= Self.maximumSlot, "slot \(newSlot) outside the table's range")
        let wanted = Self.tag(key) << 24 | UInt32(slot + 1)
        var index = home(key)
        while entries[index] != wanted {
            if entries[index] == 0 { return false }
            index = next(index)
        }
        entries[index] = Self.tag(key) << 24 | UInt32(newSlot + 1)
        return true
    }

    /// Removes the entries of every slot `isRemoved` names, in one pass
    /// over the table rather than a probe per entry, and shrinks the table
    /// to what is left (at two-thirds load): after a trim that drops most
    /// of the window, the table is as small as a freshly built one.
    mutating func removeAll(where isRemoved: (Int32) -> Bool, keyOf: (Int32) -> UInt64) {
        let kept = entries.filter { $0 != 0 && !isRemoved(Int32($0 & 0xFF_FFFF) - 1) }
        let size = min(entries.count, Int(Double(max(16, kept.count * 3 / 2)) * sizeScale))
        rehash(kept, size: size, keyOf: keyOf)
    }

    private mutating func grow(keyOf: (Int32) -> UInt64) {
        let old = entries
        rehash(old, size: entries.count * 3 / 2, keyOf: keyOf)
    }

    /// Rebuilds the table with `size` buckets holding the entries of `kept`
    /// (empty buckets in it are skipped). The entries go back in slot
    /// order: recomputing a key reads the slot's record or signature, and
    /// in slot order those reads run front to back through the owner's
    /// storage instead of costing a cache miss apiece. (Each slot has at
    /// most one entry per table: its key is what `keyOf` recomputes.)
    private mutating func rehash(_ kept: [UInt32], size: Int, keyOf: (Int32) -> UInt64) {
        let highest = kept.reduce(-1) { $1 == 0 ? $0 : max($0, Int($1 & 0xFF_FFFF) - 1) }
        var present = [UInt64](repeating: 0, count: highest / 64 + 1)
        for entry in kept where entry != 0 {
            let slot = Int(entry & 0xFF_FFFF) - 1
            present[slot >> 6] |= 1 << UInt64(slot & 63)
        }
        entries = [UInt32](repeating: 0, count: size)
        count = 0
        for (word, bits) in present.enumerated() {
            var remaining = bits
            while remaining != 0 {
                let slot = Int32(word << 6 | remaining.trailingZeroBitCount)
                remaining &= remaining - 1
                place(key: keyOf(slot), slot: slot)
            }
        }
    }

    var heapBytes: Int { 32 + entries.capacity * MemoryLayout<UInt32>.stride }
}
