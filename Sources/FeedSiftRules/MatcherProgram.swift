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

/// What a leaf tests; its atoms are `MatcherProgram.leafAtoms`.
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
    let atoms: TermAtoms
    /// The trigger atoms, looked up for every word of an item.
    let triggers: TriggerIndex
    /// Trigger leaves to test where an atom occurs.
    let atomTriggerLeaves: CompactLists
    let leafKinds: [LeafKind]
    let leafMasks: [UInt8]
    let leafAtoms: CompactLists
    let leafSplits: [Int32]
    let leafDistances: [Int32]
    let leafTerms: [QueryTerm]
    /// Trigger leaves are decided by looking up their trigger atom in every
    /// word; the others are tested when a query needs them.
    let leafIsTrigger: [Bool]
    /// Queries to evaluate when a trigger leaf is true.
    let leafQueries: CompactLists
    let nodes: [ProgramNode]
    let children: [Int32]
    /// Root node of each query, by query id.
    let roots: [Int32]
    /// Queries that can hold with none of their terms present.
    let alwaysCandidates: [Int32]
    let values: ValueLeaves
    /// Whether some query is found through a feed, tag or domain value.
    let hasValueTriggers: Bool

    var leafCount: Int { leafKinds.count }

    /// The leaves under `node` that are not under a NOT: the terms that
    /// can make a query match.
    func positiveLeaves(_ node: Int32, into leaves: inout [Int32]) {
        Self.positiveLeaves(node, nodes: nodes, children: children, into: &leaves)
    }

    static func positiveLeaves(_ node: Int32, nodes: [ProgramNode], children: [Int32], into leaves: inout [Int32]) {
        switch nodes[Int(node)] {
        case .leaf(let leaf): if !leaves.contains(leaf) { leaves.append(leaf) }
        case .not: break
        case .and(let range), .or(let range):
            for index in range { positiveLeaves(children[Int(index)], nodes: nodes, children: children, into: &leaves) }
        }
    }
}
