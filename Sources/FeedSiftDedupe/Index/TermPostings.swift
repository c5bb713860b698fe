/// For each headline/lead term in the window: how many items use it (its
/// document frequency, from which similarity weighs terms) and, for the
/// items that indexed it, their slots.
///
/// One open-addressing table of 20-byte entries (most terms are names and
/// numbers used by one story, so a term's first posting lives in its
/// entry) and a pool of 32-byte blocks of seven postings for the rest:
/// no allocation per term or per item.
struct TermPostings {
    private struct Entry {
        /// Term id + 1; 0 marks an empty entry.
        var key: UInt32 = 0
        var frequency: Int32 = 0
        var postingCount: Int32 = 0
        var first: Int32 = -1
        /// The block holding postings 2…, the one with free room first.
        var head: Int32 = -1
    }

    private static let blockSize = 8
    private var entries = [Entry](repeating: Entry(), count: 64)
    private var used = 0
    /// Blocks of `[next, posting × 7]`, -1 for an empty place.
    private var blocks = ChunkedArray<Int32>(chunkShift: 16, filler: -1)
    private var freeBlock: Int32 = -1

    var termCount: Int { used }

    func documentFrequency(_ term: UInt32) -> Int {
        guard let index = find(term) else { return 0 }
        return Int(entries[index].frequency)
    }

    /// Posting lists longer than this are never read whole (see
    /// `DedupePolicy.postingBudget`), so callers ask for the length first.
    func postingCount(_ term: UInt32) -> Int {
        guard let index = find(term) else { return 0 }
        return Int(entries[index].postingCount)
    }

    func forEachPosting(_ term: UInt32, _ body: (Int32) -> Void) {
        guard let index = find(term) else { return }
        forEachPosting(at: index, body)
    }

    /// Counts one more item using `term`, and files its slot when `indexed`.
    mutating func add(_ slot: Int32, term: UInt32, indexed: Bool) {
        if (used + 1) * 5 > entries.count * 4 { resize(to: entries.count * 3 / 2) }
        var index = home(term)
        while entries[index].key != 0 && entries[index].key != term &+ 1 { index = next(index) }
        if entries[index].key == 0 {
            entries[index] = Entry(key: term &+ 1)
            used += 1
        }
        entries[index].frequency += 1
        guard indexed else { return }
        if entries[index].postingCount == 0 {
            entries[index].first = slot
        } else {
            appendToBlocks(slot, entry: index)
        }
        entries[index].postingCount += 1
    }

    /// Undoes `add`.
    mutating func remove(_ slot: Int32, term: UInt32, indexed: Bool) {
        guard let index = find(term) else { return }
        entries[index].frequency -= 1
        if indexed && entries[index].postingCount > 0 {
            removePosting(slot, entry: index)
        }
        if entries[index].frequency <= 0 && entries[index].postingCount <= 0 { delete(at: index) }
    }

    /// Drops every posting whose slot `isRemoved` names, one pass per list:
    /// for evicting many items at once, where removing postings one by one
    /// would scan a common term's list once per item.
    mutating func removePostings(where isRemoved: (Int32) -> Bool) {
        var survivors: [Int32] = []
        for index in entries.indices where entries[index].key != 0 && entries[index].postingCount > 0 {
            survivors.removeAll(keepingCapacity: true)
            forEachPosting(at: index) { if !isRemoved($0) { survivors.append($0) } }
            guard survivors.count < entries[index].postingCount else { continue }
            var block = entries[index].head
            while block >= 0 {
                let next = blocks[Int(block) * Self.blockSize]
                releaseBlock(block)
                block = next
            }
            entries[index].head = -1
            entries[index].first = survivors.first ?? -1
            entries[index].postingCount = Int32(survivors.count)
            for slot in survivors.dropFirst() { appendToBlocks(slot, entry: index) }
        }
    }

    private func forEachPosting(at index: Int, _ body: (Int32) -> Void) {
        let entry = entries[index]
        if entry.postingCount == 0 { return }
        body(entry.first)
        var block = entry.head
        while block >= 0 {
            let base = Int(block) * Self.blockSize
            for offset in 1..<Self.blockSize where blocks[base + offset] >= 0 { body(blocks[base + offset]) }
            block = blocks[base]
        }
    }

    // MARK: Blocks

    private mutating func appendToBlocks(_ slot: Int32, entry index: Int) {
        let head = entries[index].head
        if head >= 0 {
            let base = Int(head) * Self.blockSize
            for offset in 1..<Self.blockSize where blocks[base + offset] < 0 {
                blocks[base + offset] = slot
                return
            }
        }
        let block = allocateBlock()
        let base = Int(block) * Self.blockSize
        blocks[base] = head
        blocks[base + 1] = slot
        entries[index].head = block
    }

    /// Removes `slot`, moving the last posting (in the head block) into its place.
    private mutating func removePosting(_ slot: Int32, entry index: Int) {
        let head = entries[index].head
        var lastPlace: Int?
        if head >= 0 {
            let base = Int(head) * Self.blockSize
            for offset in (1..<Self.blockSize).reversed() where blocks[base + offset] >= 0 {
                lastPlace = base + offset
                break
            }
        }
        let last = lastPlace.map { blocks[$0] } ?? entries[index].first
        // Find the removed slot's place and put the last posting there.
        if entries[index].first == slot {
            entries[index].first = last
        } else {
            var block = head
            var found = false
            while block >= 0 && !found {
                let base = Int(block) * Self.blockSize
                for offset in 1..<Self.blockSize where blocks[base + offset] == slot {
                    blocks[base + offset] = last
                    found = true
                    break
                }
                block = blocks[base]
            }
            guard found else { return }
        }
        entries[index].postingCount -= 1
        if let lastPlace {
            blocks[lastPlace] = -1
            let base = Int(head) * Self.blockSize
            if (1..<Self.blockSize).allSatisfy({ blocks[base + $0] < 0 }) {
                entries[index].head = blocks[base]
                releaseBlock(head)
            }
        } else {
            entries[index].first = -1
        }
    }

    private mutating func allocateBlock() -> Int32 {
        if freeBlock >= 0 {
            let block = freeBlock
            freeBlock = blocks[Int(block) * Self.blockSize]
            for offset in 0..<Self.blockSize { blocks[Int(block) * Self.blockSize + offset] = -1 }
            return block
        }
        let block = Int32(blocks.count / Self.blockSize)
        blocks.grow(by: Self.blockSize)
        return block
    }

    private mutating func releaseBlock(_ block: Int32) {
        blocks[Int(block) * Self.blockSize] = freeBlock
        freeBlock = block
    }

    // MARK: Table

    @inline(__always)
    private func home(_ term: UInt32) -> Int {
        let mixed = UInt64(term &* 0x9e37_79b9)
        return Int((mixed * UInt64(entries.count)) >> 32)
    }

    @inline(__always)
    private func next(_ index: Int) -> Int { index + 1 == entries.count ? 0 : index + 1 }

    private func find(_ term: UInt32) -> Int? {
        var index = home(term)
        while true {
            let key = entries[index].key
            if key == term &+ 1 { return index }
            if key == 0 { return nil }
            index = next(index)
        }
    }

    /// Backward-shift deletion: no tombstones.
    private mutating func delete(at start: Int) {
        entries[start] = Entry()
        used -= 1
        var hole = start
        var index = next(start)
        while entries[index].key != 0 {
            let entryHome = home(entries[index].key &- 1)
            let size = entries.count
            if (index - entryHome + size) % size >= (index - hole + size) % size {
                entries[hole] = entries[index]
                entries[index] = Entry()
                hole = index
            }
            index = next(index)
        }
    }

    private mutating func resize(to capacity: Int) {
        let old = entries
        entries = [Entry](repeating: Entry(), count: capacity)
        for entry in old where entry.key != 0 {
            var index = home(entry.key &- 1)
            while entries[index].key != 0 { index = next(index) }
            entries[index] = entry
        }
    }

    var heapBytes: Int {
        64 + entries.capacity * MemoryLayout<Entry>.stride + blocks.heapBytes
    }
}
