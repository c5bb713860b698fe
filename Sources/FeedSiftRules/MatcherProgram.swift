/// The compiled form of every query of a rule set, shared by all of them:
/// leaves (distinct terms) over atoms (distinct words and prefixes), and
/// one flat array of boolean nodes.

/// A node of a compiled query.
enum ProgramNode: Sendable {
    case leaf(Int32)
    /// Children are `MatcherProgram.children[range]`.
    case and(Range<Int32>)
    case or(Range<Int32>)
    case not(Int32)
}

/// What a leaf tests; its atoms are `MatcherProgram.leafAtoms` (atom ids
/// index the word table below `wordCount`, the prefix table from there on).
enum LeafKind: UInt8, Sendable {
    /// Consecutive atoms (one for a plain word or prefix) in one field of the mask.
    case sequence
    /// Two sequences (the first `leafSplits[leaf]` atoms, then the rest) in
    /// one field, at most `leafDistances[leaf]` words apart.
    case near
    /// Set directly from the feed name, tags or link host.
    case value
}

/// Every query of a rule set compiled into one matcher.
struct MatcherProgram: Sendable {
    let words: ByteStringTable
    /// Prefix ids are atom ids minus `wordCount`.
    let prefixes: ByteStringTable
    /// Every beginning of every prefix.
    let prefixPaths: BitFilter
    let wordCount: Int32
    /// Trigger leaves to test when an atom occurs (each under one atom).
    var atomLeaves: CompactLists
    let leafKinds: [LeafKind]
    let leafMasks: [UInt8]
    let leafAtoms: CompactLists
    let leafSplits: [Int32]
    let leafDistances: [Int32]
    let leafTerms: [QueryTerm]
    /// Queries to evaluate when a leaf is true.
    var leafQueries: CompactLists
    let nodes: [ProgramNode]
    let children: [Int32]
    /// Root node of each query, by query id.
    let roots: [Int32]
    /// Queries that can hold with none of their terms present.
    var alwaysCandidates: [Int32]
    let values: ValueLeaves

    var atomCount: Int { Int(wordCount) + prefixes.count }
    var leafCount: Int { leafKinds.count }

    /// The leaves under `node` that are not under a NOT: the terms that
    /// can make a query match.
    func positiveLeaves(_ node: Int32, into leaves: inout [Int32]) {
        switch nodes[Int(node)] {
        case .leaf(let leaf): if !leaves.contains(leaf) { leaves.append(leaf) }
        case .not: break
        case .and(let range), .or(let range):
            for index in range { positiveLeaves(children[Int(index)], into: &leaves) }
        }
    }

    /// Whether `node` holds when none of its terms occur (`NOT x`).
    func holdsWithoutTerms(_ node: Int32) -> Bool {
        switch nodes[Int(node)] {
        case .leaf: return false
        case .not(let child): return !holdsWithoutTerms(child)
        case .and(let range): return range.allSatisfy { holdsWithoutTerms(children[Int($0)]) }
        case .or(let range): return range.contains { holdsWithoutTerms(children[Int($0)]) }
        }
    }

    /// Leaves of which at least one must be true for `node` to hold, or nil
    /// when it can hold with none true. Of an AND's operands only the one
    /// with the cheapest (likely rarest) triggers is needed: `tariff AND
    /// kazatomprom` is looked at when "kazatomprom" occurs, not at every tariff.
    func triggers(_ node: Int32, costs: [Double]) -> [Int32]? {
        switch nodes[Int(node)] {
        case .leaf(let leaf): return [leaf]
        case .not: return nil
        case .or(let range):
            var result: [Int32] = []
            for index in range {
                guard let part = triggers(children[Int(index)], costs: costs) else { return nil }
                result += part
            }
            return result
        case .and(let range):
            var best: (leaves: [Int32], cost: Double)?
            for index in range {
                guard let part = triggers(children[Int(index)], costs: costs) else { continue }
                let cost = part.reduce(0) { $0 + costs[Int($1)] }
                if best == nil || cost < best!.cost { best = (part, cost) }
            }
            return best?.leaves
        }
    }
}
