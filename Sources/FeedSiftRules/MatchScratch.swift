/// Per-item working memory of the matcher: where each atom occurred, which
/// leaves are true, which queries to evaluate. Arrays indexed by atom, leaf
/// and query are allocated once and invalidated by bumping `generation`, so
/// starting a new item costs nothing per rule.
struct MatchScratch: Sendable {
    private(set) var generation: UInt32 = 0
    private var atomStamp: [UInt32]
    /// Latest occurrence of each atom; occurrences link to the previous one.
    private var atomHead: [Int32]
    private(set) var occurrenceField: [UInt8] = []
    private(set) var occurrencePosition: [Int32] = []
    private(set) var occurrenceNext: [Int32] = []
    private(set) var touchedAtoms: [Int32] = []
    private var leafStamp: [UInt32]
    private(set) var trueLeaves: [Int32] = []
    private var queryStamp: [UInt32]
    private(set) var candidates: [Int32] = []

    init(atomCount: Int, leafCount: Int, queryCount: Int) {
        atomStamp = [UInt32](repeating: 0, count: atomCount)
        atomHead = [Int32](repeating: -1, count: atomCount)
        leafStamp = [UInt32](repeating: 0, count: leafCount)
        queryStamp = [UInt32](repeating: 0, count: queryCount)
    }

    mutating func begin() {
        generation &+= 1
        if generation == 0 {
            for index in atomStamp.indices { atomStamp[index] = 0 }
            for index in leafStamp.indices { leafStamp[index] = 0 }
            for index in queryStamp.indices { queryStamp[index] = 0 }
            generation = 1
        }
        occurrenceField.removeAll(keepingCapacity: true)
        occurrencePosition.removeAll(keepingCapacity: true)
        occurrenceNext.removeAll(keepingCapacity: true)
        touchedAtoms.removeAll(keepingCapacity: true)
        trueLeaves.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func record(atom: Int32, field: UInt8, position: Int32) {
        let index = Int32(occurrenceField.count)
        occurrenceField.append(field)
        occurrencePosition.append(position)
        if atomStamp[Int(atom)] != generation {
            atomStamp[Int(atom)] = generation
            occurrenceNext.append(-1)
            touchedAtoms.append(atom)
        } else {
            occurrenceNext.append(atomHead[Int(atom)])
        }
        atomHead[Int(atom)] = index
    }

    /// First occurrence index of `atom` in this item, or -1.
    @inline(__always)
    func firstOccurrence(of atom: Int32) -> Int32 {
        atomStamp[Int(atom)] == generation ? atomHead[Int(atom)] : -1
    }

    func occurs(_ atom: Int32, field: UInt8, position: Int32) -> Bool {
        var occurrence = firstOccurrence(of: atom)
        while occurrence >= 0 {
            let index = Int(occurrence)
            if occurrencePosition[index] == position, occurrenceField[index] == field { return true }
            occurrence = occurrenceNext[index]
        }
        return false
    }

    @inline(__always)
    func isTrue(leaf: Int32) -> Bool { leafStamp[Int(leaf)] == generation }

    mutating func setTrue(leaf: Int32) {
        guard leafStamp[Int(leaf)] != generation else { return }
        leafStamp[Int(leaf)] = generation
        trueLeaves.append(leaf)
    }

    mutating func addCandidate(query: Int32) {
        guard queryStamp[Int(query)] != generation else { return }
        queryStamp[Int(query)] = generation
        candidates.append(query)
    }

    mutating func sortCandidates() { candidates.sort() }
}
