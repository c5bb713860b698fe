/// Per-item working memory of the matcher: where each atom occurred, which
/// leaves are true, which queries to evaluate. Arrays indexed by atom, leaf
/// and query are allocated once and invalidated by bumping `generation`, so
/// starting a new item costs nothing per rule.
///
/// Occurrences are recorded in reading order (fields in order, positions
/// ascending), each linked to the previous occurrence of its atom, and each
/// word slot (field base + position) points at its first occurrence, so
/// "does atom A occur at position P of field F" costs a look at the one
/// or two atoms of that word.
struct MatchScratch: Sendable {
    private(set) var generation: UInt32 = 0
    /// Per atom, together so recording an occurrence touches one cache line.
    private var atoms: [AtomState]
    private(set) var occurrences: [Occurrence] = []
    /// First word slot of each text field in this item.
    private var fieldBase: [Int32] = [0, 0, 0, 0]
    private var slotStamp: [UInt32] = []
    private var slotFirstOccurrence: [Int32] = []
    private(set) var touchedAtoms: [Int32] = []
    /// A leaf is true when its stamp is the generation; known (tested)
    /// when its evaluation stamp is.
    private var leafStamp: [UInt32]
    private var leafEvaluatedStamp: [UInt32]
    private(set) var trueLeaves: [Int32] = []
    private var queryStamp: [UInt32]
    private(set) var candidates: [Int32] = []

    init(atomCount: Int, leafCount: Int, queryCount: Int) {
        atoms = [AtomState](repeating: AtomState(), count: atomCount)
        leafStamp = [UInt32](repeating: 0, count: leafCount)
        leafEvaluatedStamp = [UInt32](repeating: 0, count: leafCount)
        queryStamp = [UInt32](repeating: 0, count: queryCount)
    }

    mutating func begin() {
        generation &+= 1
        if generation == 0 {
            for index in atoms.indices { atoms[index].stamp = 0 }
            for index in leafStamp.indices { leafStamp[index] = 0 }
            for index in leafEvaluatedStamp.indices { leafEvaluatedStamp[index] = 0 }
            for index in queryStamp.indices { queryStamp[index] = 0 }
            for index in slotStamp.indices { slotStamp[index] = 0 }
            generation = 1
        }
        occurrences.removeAll(keepingCapacity: true)
        touchedAtoms.removeAll(keepingCapacity: true)
        trueLeaves.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
    }

    /// Starts recording a text field whose first word gets slot `base`;
    /// returns nothing, the caller passes the next base to the next field.
    mutating func startField(_ field: UInt8, base: Int32) {
        fieldBase[Int(field)] = base
    }

    @inline(__always)
    mutating func record(atom: Int32, field: UInt8, position: Int32) {
        let index = Int32(occurrences.count)
        var next: Int32 = -1
        if atoms[Int(atom)].stamp != generation {
            atoms[Int(atom)] = AtomState(stamp: generation, head: index, count: 1)
            touchedAtoms.append(atom)
        } else {
            next = atoms[Int(atom)].head
            atoms[Int(atom)].head = index
            atoms[Int(atom)].count += 1
        }
        occurrences.append(Occurrence(atom: atom, position: position, next: next, field: field))
        let slot = Int(fieldBase[Int(field)] + position)
        if slot >= slotStamp.count {
            let size = max(slot + 1, slotStamp.count * 2, 1024)
            slotStamp += [UInt32](repeating: 0, count: size - slotStamp.count)
            slotFirstOccurrence += [Int32](repeating: 0, count: size - slotFirstOccurrence.count)
        }
        if slotStamp[slot] != generation {
            slotStamp[slot] = generation
            slotFirstOccurrence[slot] = index
        }
    }

    /// Latest occurrence of `atom` in this item, or -1; follow `next`.
    @inline(__always)
    func firstOccurrence(of atom: Int32) -> Int32 {
        atoms[Int(atom)].stamp == generation ? atoms[Int(atom)].head : -1
    }

    @inline(__always)
    func occurrenceCount(of atom: Int32) -> Int32 {
        atoms[Int(atom)].stamp == generation ? atoms[Int(atom)].count : 0
    }

    @inline(__always)
    func occurs(_ atom: Int32, field: UInt8, position: Int32) -> Bool {
        guard position >= 0 else { return false }
        let slot = Int(fieldBase[Int(field)] + position)
        guard slot < slotStamp.count, slotStamp[slot] == generation else { return false }
        var index = Int(slotFirstOccurrence[slot])
        while index < occurrences.count, occurrences[index].position == position, occurrences[index].field == field {
            if occurrences[index].atom == atom { return true }
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
    var atom: Int32
    var position: Int32
    /// The previous occurrence of the same atom, or -1.
    var next: Int32
    var field: UInt8
}

/// Where an atom stands in the current item: latest occurrence and count,
/// valid when `stamp` is the scratch's generation.
struct AtomState: Sendable {
    var stamp: UInt32 = 0
    var head: Int32 = -1
    var count: Int32 = 0
}
