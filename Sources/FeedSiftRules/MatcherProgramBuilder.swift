/// Builds a `MatcherProgram` from parsed queries, interning every word,
/// prefix and term once however many rules use it, and choosing the
/// trigger terms each query is found through.
struct MatcherProgramBuilder {
    private var atomIds: [TermElement: Int32] = [:]
    private var atoms = TermAtoms()
    private var leafIds: [QueryTerm: Int32] = [:]
    private var terms: [QueryTerm] = []
    private var nodes: [ProgramNode] = []
    private var children: [Int32] = []
    private var roots: [Int32] = []
    private var searchableQueries: [Bool] = []

    /// Adds a query and returns its id (the index of its root in `roots`).
    /// Only `searchable` queries are found through their terms; the others
    /// (excludes) are evaluated on demand, for rules whose match held.
    mutating func add(_ expression: QueryExpression, searchable: Bool = true) -> Int32 {
        roots.append(node(for: expression))
        searchableQueries.append(searchable)
        return Int32(roots.count - 1)
    }

    private mutating func node(for expression: QueryExpression) -> Int32 {
        switch expression {
        case .term(let term):
            return append(.leaf(leafId(term)))
        case .not(let inner):
            let child = node(for: inner)
            return append(.not(child))
        case .and(let operands), .or(let operands):
            let childNodes = operands.map { node(for: $0) }
            let start = Int32(children.count)
            children += childNodes
            let range = start..<Int32(children.count)
            if case .and = expression { return append(.and(range)) }
            return append(.or(range))
        }
    }

    private mutating func append(_ node: ProgramNode) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private mutating func leafId(_ term: QueryTerm) -> Int32 {
        if let id = leafIds[term] { return id }
        for element in term.elements where atomIds[element] == nil {
            atomIds[element] = Int32(atoms.count)
            atoms.append(Array(element.word.utf8), isPrefix: element.isPrefix)
        }
        let id = Int32(terms.count)
        terms.append(term)
        leafIds[term] = id
        return id
    }

    func build() -> MatcherProgram {
        let cost = TriggerCost(ruleFrequency: ruleFrequency())
        var kinds: [LeafKind] = []
        var masks: [UInt8] = []
        var atomsByLeaf: [[Int32]] = []
        var splits: [Int32] = []
        var distances: [Int32] = []
        var costs: [Double] = []
        var triggerAtoms: [Int32] = []
        var values = ValueLeaves()
        for (index, term) in terms.enumerated() {
            let leaf = Int32(index)
            var kind = LeafKind.value
            var mask: UInt8 = 0
            var split = 0
            var distance = 0
            switch term {
            case .words(let words, let fieldMask):
                (kind, mask, split) = (.sequence, fieldMask, words.count)
            case .near(let left, _, let nearDistance, let fieldMask):
                (kind, mask, split, distance) = (.near, fieldMask, left.count, nearDistance)
            case .value(let field, let key, let isPrefix):
                values.add(field: field, key: key, isPrefix: isPrefix, leaf: leaf)
            case .domain(let host):
                values.add(domain: host, leaf: leaf)
            }
            let elements = term.elements
            kinds.append(kind)
            masks.append(mask)
            atomsByLeaf.append(elements.map { atomIds[$0]! })
            splits.append(Int32(split))
            distances.append(Int32(distance))
            costs.append(elements.isEmpty ? TriggerCost.valueLeaf : cost.of(elements))
            // Every atom of a sequence or NEAR must occur anyway: look the
            // leaf up through its likely rarest one.
            let rarest = elements.min { cost.of($0) < cost.of($1) }
            triggerAtoms.append(rarest.map { atomIds[$0]! } ?? -1)
        }

        // A searchable query is looked at when one of its trigger leaves is
        // true; one that can hold with none of its terms (`NOT x`) is
        // evaluated for every item.
        var queriesByLeaf = [[Int32]](repeating: [], count: terms.count)
        var leavesByAtom = [[Int32]](repeating: [], count: atoms.count)
        var alwaysCandidates: [Int32] = []
        var isTrigger = [Bool](repeating: false, count: terms.count)
        var hasValueTriggers = false
        for (query, root) in roots.enumerated() where searchableQueries[query] {
            guard !holdsWithoutTerms(root), let triggers = triggers(root, costs: costs) else {
                alwaysCandidates.append(Int32(query))
                continue
            }
            for leaf in Set(triggers) {
                if !isTrigger[Int(leaf)] {
                    isTrigger[Int(leaf)] = true
                    let atom = triggerAtoms[Int(leaf)]
                    if atom >= 0 { leavesByAtom[Int(atom)].append(leaf) } else { hasValueTriggers = true }
                }
                queriesByLeaf[Int(leaf)].append(Int32(query))
            }
        }
        let triggerAtomIds = leavesByAtom.indices.lazy.filter { !leavesByAtom[$0].isEmpty }.map { Int32($0) }
        return MatcherProgram(
            atoms: atoms, triggers: TriggerIndex(triggerAtoms: triggerAtomIds, atoms: atoms),
            atomTriggerLeaves: CompactLists(leavesByAtom), leafKinds: kinds, leafMasks: masks,
            leafAtoms: CompactLists(atomsByLeaf), leafSplits: splits, leafDistances: distances, leafTerms: terms,
            leafIsTrigger: isTrigger, leafQueries: CompactLists(queriesByLeaf.map { $0.sorted() }), nodes: nodes,
            children: children, roots: roots, alwaysCandidates: alwaysCandidates, values: values,
            hasValueTriggers: hasValueTriggers)
    }

    /// How many queries use each word or prefix.
    private func ruleFrequency() -> [TermElement: Int] {
        var frequency: [TermElement: Int] = [:]
        for root in roots {
            var leaves: [Int32] = []
            allLeaves(root, into: &leaves)
            for element in Set(leaves.flatMap { terms[Int($0)].elements }) { frequency[element, default: 0] += 1 }
        }
        return frequency
    }

    private func allLeaves(_ node: Int32, into leaves: inout [Int32]) {
        switch nodes[Int(node)] {
        case .leaf(let leaf): leaves.append(leaf)
        case .not(let child): allLeaves(child, into: &leaves)
        case .and(let range), .or(let range):
            for index in range { allLeaves(children[Int(index)], into: &leaves) }
        }
    }

    /// Whether `node` holds when none of its terms occur (`NOT x`).
    private func holdsWithoutTerms(_ node: Int32) -> Bool {
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
    private func triggers(_ node: Int32, costs: [Double]) -> [Int32]? {
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

extension QueryTerm {
    /// The words and prefixes of a text term (both sides of a NEAR); none for values.
    var elements: [TermElement] {
        switch self {
        case .words(let elements, _): return elements
        case .near(let left, let right, _, _): return left + right
        case .value, .domain: return []
        }
    }
}
