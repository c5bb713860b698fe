/// Per-item working memory of the matcher: where each atom occurred, which
/// leaves are true, which queries to evaluate. Tables indexed by atom, leaf
/// and query are allocated once and invalidated by bumping `generation`, so
/// starting a new item costs nothing per rule.
///
/// Occurrences are recorded in reading order (fields in order, positions
/// ascending), each linked to the previous occurrence of its atom, and each
/// word slot (field base + position) points at its first occurrence, so
/// "does atom A occur at position P of field F" costs a look at the one
/// or two atoms of that word.
///
/// Recording runs for every rule word of every item, so the tables are
/// plain memory owned by `ScratchMemory` rather than arrays: no uniqueness
/// or bounds checks on the hot path. Indices come from the compiled
/// program, whose sizes the tables were made for. A scratch is used by one
/// classification at a time (the matcher's pool hands it out).
struct MatchScratch: @unchecked Sendable {
    private let memory = ScratchMemory()
    private(set) var generation: UInt32 = 0
    private let atoms: UnsafeMutablePointer<AtomState>
    /// A leaf is true when its stamp is the generation; known (tested)
    /// when its evaluation stamp is.
    private let leafStamp: UnsafeMutablePointer<UInt32>
    private let leafEvaluatedStamp: UnsafeMutablePointer<UInt32>
    private let queryStamp: UnsafeMutablePointer<UInt32>
    private let counts: (atoms: Int, leaves: Int, queries: Int)
    private(set) var occurrences: ScratchList<Occurrence>
    /// First word slot of each text field in this item.
    private var fieldBase: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
    private var slotStamp: ScratchList<UInt32>
    private var slotFirstOccurrence: ScratchList<Int32>
    private(set) var touchedAtoms: ScratchList<Int32>
    private(set) var trueLeaves: ScratchList<Int32>
    private(set) var candidates: ScratchList<Int32>

    init(atomCount: Int, leafCount: Int, queryCount: Int) {
        counts = (atomCount, leafCount, queryCount)
        atoms = memory.allocate(count: atomCount, filledWith: AtomState())
        leafStamp = memory.allocate(count: leafCount, filledWith: 0)
        leafEvaluatedStamp = memory.allocate(count: leafCount, filledWith: 0)
        queryStamp = memory.allocate(count: queryCount, filledWith: 0)
        occurrences = ScratchList(memory: memory, capacity: 256, filledWith: Occurrence())
        slotStamp = ScratchList(memory: memory, capacity: 1024, filledWith: 0)
        slotFirstOccurrence = ScratchList(memory: memory, capacity: 1024, filledWith: 0)
        touchedAtoms = ScratchList(memory: memory, capacity: 64, filledWith: 0)
        trueLeaves = ScratchList(memory: memory, capacity: 64, filledWith: 0)
        candidates = ScratchList(memory: memory, capacity: 64, filledWith: 0)
    }

    mutating func begin() {
        generation &+= 1
        if generation == 0 {
            atoms.update(repeating: AtomState(), count: counts.atoms)
            leafStamp.update(repeating: 0, count: counts.leaves)
            leafEvaluatedStamp.update(repeating: 0, count: counts.leaves)
            queryStamp.update(repeating: 0, count: counts.queries)
            slotStamp.fill(0)
            generation = 1
        }
        occurrences.removeAll()
        touchedAtoms.removeAll()
        trueLeaves.removeAll()
        candidates.removeAll()
    }

    /// Starts recording a text field whose first word gets slot `base`.
    mutating func startField(_ field: UInt8, base: Int32) {
        switch field {
        case 0: fieldBase.0 = base
        case 1: fieldBase.1 = base
        case 2: fieldBase.2 = base
        default: fieldBase.3 = base
        }
    }

    @inline(__always)
    private func base(of field: UInt8) -> Int32 {
        switch field {
        case 0: return fieldBase.0
        case 1: return fieldBase.1
        case 2: return fieldBase.2
        default: return fieldBase.3
        }
    }

    @inline(__always)
    mutating func record(atom: Int32, field: UInt8, position: Int32) {
        let index = Int32(occurrences.count)
        let state = atoms + Int(atom)
        var next: Int32 = -1
        if state.pointee.stamp != generation {
            state.pointee = AtomState(stamp: generation, head: index, count: 1)
            touchedAtoms.append(atom)
        } else {
            next = state.pointee.head
            state.pointee.head = index
            state.pointee.count += 1
        }
        occurrences.append(Occurrence(atom: atom, position: position, next: next, field: field))
        let slot = Int(base(of: field) + position)
        if slot >= slotStamp.count {
            slotStamp.grow(toCount: max(slot + 1, slotStamp.count * 2), filledWith: 0)
            slotFirstOccurrence.grow(toCount: slotStamp.count, filledWith: 0)
        }
        if slotStamp[slot] != generation {
            slotStamp[slot] = generation
            slotFirstOccurrence[slot] = index
        }
    }

    /// Latest occurrence of `atom` in this item, or -1; follow `next`.
    @inline(__always)
    func firstOccurrence(of atom: Int32) -> Int32 {
        let state = atoms[Int(atom)]
        return state.stamp == generation ? state.head : -1
    }

    @inline(__always)
    func occurrenceCount(of atom: Int32) -> Int32 {
        let state = atoms[Int(atom)]
        return state.stamp == generation ? state.count : 0
    }

    @inline(__always)
    func occurs(_ atom: Int32, field: UInt8, position: Int32) -> Bool {
        guard position >= 0 else { return false }
        let slot = Int(base(of: field) + position)
        guard slot < slotStamp.count, slotStamp[slot] == generation else { return false }
        var index = Int(slotFirstOccurrence[slot])
        while index < occurrences.count {
            let occurrence = occurrences[index]
            guard occurrence.position == position, occurrence.field == field else { return false }
            if occurrence.atom == atom { return true }
            index += 1
        }
        return false
    }

    @inline(__always)
    func isTrue(leaf: Int32) -> Bool { leafStamp[Int(leaf)] == generation }

    @inline(__always)
    func isEvaluated(leaf: Int32) -> Bool { leafEvaluatedStamp[Int(leaf)] == generation }

    /// Records a leaf tested up front (trigger leaves, value leaves); true
    /// ones are kept in `trueLeaves` to find candidate queries.
    mutating func setTrue(leaf: Int32) {
        leafEvaluatedStamp[Int(leaf)] = generation
        guard leafStamp[Int(leaf)] != generation else { return }
        leafStamp[Int(leaf)] = generation
        trueLeaves.append(leaf)
    }

    /// Records a leaf tested on demand while evaluating a query.
    mutating func setEvaluated(leaf: Int32, isTrue: Bool) {
        leafEvaluatedStamp[Int(leaf)] = generation
        if isTrue { leafStamp[Int(leaf)] = generation }
    }

    mutating func addCandidate(query: Int32) {
        guard queryStamp[Int(query)] != generation else { return }
        queryStamp[Int(query)] = generation
        candidates.append(query)
    }
}

/// One word of the item that is a rule-set atom (a word, or one of the
/// prefixes it starts with).
struct Occurrence: Sendable {
    var atom: Int32 = 0
    var position: Int32 = 0
    /// The previous occurrence of the same atom, or -1.
    var next: Int32 = -1
    var field: UInt8 = 0
}

/// Where an atom stands in the current item: latest occurrence and count,
/// valid when `stamp` is the scratch's generation.
struct AtomState: Sendable {
    var stamp: UInt32 = 0
    var head: Int32 = -1
    var count: Int32 = 0
}

/// Owns the memory of one `MatchScratch` and frees it with the scratch.
final class ScratchMemory: @unchecked Sendable {
    private var allocations: [UnsafeMutableRawPointer] = []

    func allocate<Element>(count: Int, filledWith value: Element) -> UnsafeMutablePointer<Element> {
        let pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: max(count, 1))
        allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    func free(_ pointer: UnsafeMutableRawPointer) {
        if let index = allocations.firstIndex(of: pointer) { allocations.remove(at: index) }
        pointer.deallocate()
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }
}

/// A growable list in `ScratchMemory` (elements are plain values).
struct ScratchList<Element> {
    private let memory: ScratchMemory
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0
    private let fill: Element

    init(memory: ScratchMemory, capacity: Int, filledWith fill: Element) {
        self.memory = memory
        self.capacity = capacity
        self.fill = fill
        storage = memory.allocate(count: capacity, filledWith: fill)
    }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: storage, count: count) }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { storage[index] }
        nonmutating set { storage[index] = newValue }
    }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { reserve(capacity * 2) }
        storage[count] = element
        count += 1
    }

    /// Extends the list to `newCount` elements, new ones set to `value`.
    mutating func grow(toCount newCount: Int, filledWith value: Element) {
        guard newCount > count else { return }
        if newCount > capacity { reserve(newCount) }
        (storage + count).update(repeating: value, count: newCount - count)
        count = newCount
    }

    func fill(_ value: Element) { storage.update(repeating: value, count: count) }

    private mutating func reserve(_ newCapacity: Int) {
        let larger = memory.allocate(count: newCapacity, filledWith: fill)
        larger.update(from: storage, count: count)
        memory.free(UnsafeMutableRawPointer(storage))
        storage = larger
        capacity = newCapacity
    }
}
