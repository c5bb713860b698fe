/// Where a word of the item stands, and where its bytes are when the head
/// alone does not hold them all.
struct WordPlace {
    var position: Int32
    var length: Int32
    /// Offset of the folded bytes in the item's byte store for words longer
    /// than 8 bytes; -1 otherwise (the head is the whole word).
    var bytesOffset: Int32
    var field: UInt8
}

/// The words of one item in reading order (fields in order, positions
/// ascending within a field), so the words of a phrase are neighbours in
/// the list. Each word is kept as its `WordHash` head and its place, in
/// two parallel arrays: a scan for one word reads only the heads, 8 bytes a
/// word. Recording a word costs two stores; nothing is looked up per
/// rule. Plain memory reused from item to item, freed by `deallocate()`.
struct ItemWords {
    private(set) var heads: UnsafeMutablePointer<UInt64>
    private(set) var places: UnsafeMutablePointer<WordPlace>
    private(set) var count = 0
    private var capacity: Int
    private var bytes: ScratchBuffer<UInt8>

    init() {
        capacity = 512
        heads = .allocate(capacity: capacity)
        places = .allocate(capacity: capacity)
        bytes = ScratchBuffer(capacity: 1024)
    }

    mutating func removeAll() {
        count = 0
        bytes.removeAll()
    }

    @inline(__always)
    mutating func append(
        _ folded: UnsafePointer<UInt8>, length: Int, head: UInt64, field: UInt8, position: Int32
    ) {
        if count == capacity { grow() }
        var offset: Int32 = -1
        if length > 8 {
            offset = Int32(truncatingIfNeeded: bytes.count)
            bytes.append(contentsOf: folded, count: length)
        }
        heads[count] = head
        places[count] = WordPlace(
            position: position, length: Int32(truncatingIfNeeded: length), bytesOffset: offset, field: field)
        count &+= 1
    }

    @inline(never)
    private mutating func grow() {
        let newCapacity = capacity * 2
        func moved<Element>(_ old: UnsafeMutablePointer<Element>) -> UnsafeMutablePointer<Element> {
            let new = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
            new.moveInitialize(from: old, count: count)
            old.deallocate()
            return new
        }
        heads = moved(heads)
        places = moved(places)
        capacity = newCapacity
    }

    /// The folded bytes of word `index`, longer than 8 bytes.
    @inline(__always)
    func bytes(of index: Int) -> UnsafePointer<UInt8> {
        UnsafePointer(bytes.base + Int(places[index].bytesOffset))
    }

    /// Whether words `first..<first + count` lie in one field at consecutive positions.
    @inline(__always)
    func areConsecutive(from first: Int, count words: Int) -> Bool {
        guard first >= 0, first + words <= count else { return false }
        let start = places[first]
        let last = places[first + words - 1]
        return last.field == start.field && last.position - start.position == Int32(words - 1)
    }

    func deallocate() {
        heads.deallocate()
        places.deallocate()
        bytes.deallocate()
    }
}

/// A growable array of plain values in manually managed memory: no
/// uniqueness or bounds checks on the matcher's hot paths. The owner frees it.
struct ScratchBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = UnsafeMutablePointer.allocate(capacity: self.capacity)
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: capacity &* 2) }
        (base + count).initialize(to: element)
        count &+= 1
    }

    @inline(__always)
    mutating func append(contentsOf elements: UnsafePointer<Element>, count added: Int) {
        if count &+ added > capacity { grow(to: max(capacity &* 2, count &+ added)) }
        (base + count).initialize(from: elements, count: added)
        count &+= added
    }

    /// Makes the buffer `newCount` long, new elements set to `value`.
    mutating func resize(to newCount: Int, filledWith value: Element) {
        if newCount > capacity { grow(to: max(capacity * 2, newCount)) }
        if newCount > count { (base + count).initialize(repeating: value, count: newCount - count) }
        count = newCount
    }

    @inline(never)
    private mutating func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = newCapacity
    }

    func deallocate() { base.deallocate() }
}

/// Where the words of an item occur: a hash table from a word's head to
/// the first word with that head, each linked to the next (words longer
/// than 8 bytes that begin alike share a chain; callers compare).
/// Built only for items whose rules look many words up (most items need
/// none or a few lookups, cheaper as scans of the word list).
struct ItemWordIndex {
    /// Word index + 1 of the first occurrence; 0 is an empty slot.
    private var slots = ScratchBuffer<Int32>(capacity: 256)
    /// Next occurrence of the same word, or -1.
    private var nextOccurrence = ScratchBuffer<Int32>(capacity: 256)
    private var mask = 0
    private(set) var isBuilt = false

    mutating func invalidate() { isBuilt = false }

    mutating func build(_ words: borrowing ItemWords) {
        let heads = words.heads
        var capacity = 64
        while capacity < words.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots.removeAll()
        slots.resize(to: capacity, filledWith: 0)
        nextOccurrence.removeAll()
        nextOccurrence.resize(to: words.count, filledWith: -1)
        for index in stride(from: words.count - 1, through: 0, by: -1) {
            let head = heads[index]
            var slot = Self.slot(head, mask)
            while slots[slot] != 0, heads[Int(slots[slot]) - 1] != head { slot = (slot + 1) & mask }
            nextOccurrence[index] = slots[slot] - 1
            slots[slot] = Int32(index + 1)
        }
        isBuilt = true
    }

    @inline(__always)
    private static func slot(_ head: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (head &* 0x9E37_79B9_7F4A_7C15) &>> 32) & mask
    }

    /// The first word whose head is `head`, or -1; then follow `next(after:)`.
    @inline(__always)
    func first(_ head: UInt64, in words: borrowing ItemWords) -> Int {
        var slot = Self.slot(head, mask)
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if words.heads[index] == head { return index }
            slot = (slot + 1) & mask
        }
        return -1
    }

    @inline(__always)
    func next(after index: Int) -> Int { Int(nextOccurrence[index]) }

    func deallocate() {
        slots.deallocate()
        nextOccurrence.deallocate()
    }
}
