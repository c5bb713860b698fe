/// Builds a `MatcherProgram` from parsed queries, interning every word,
/// prefix and term once however many rules use it.
struct MatcherProgramBuilder {
    private var wordIds: [String: Int32] = [:]
    private var words: [[UInt8]] = []
    private var prefixIds: [String: Int32] = [:]
    private var prefixes: [[UInt8]] = []
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
        switch term {
        case .words(let elements, _): for element in elements { intern(element) }
        case .near(let left, let right, _, _): for element in left + right { intern(element) }
        case .value, .domain: break
        }
        let id = Int32(terms.count)
        terms.append(term)
        leafIds[term] = id
        return id
    }

    private mutating func intern(_ element: TermElement) {
        if element.isPrefix {
            if prefixIds[element.word] == nil {
                prefixIds[element.word] = Int32(prefixes.count)
                prefixes.append(Array(element.word.utf8))
            }
        } else if wordIds[element.word] == nil {
            wordIds[element.word] = Int32(words.count)
            words.append(Array(element.word.utf8))
        }
    }

    func build() -> MatcherProgram {
        let wordCount = Int32(words.count)
        let atomCount = words.count + prefixes.count
        func atom(_ element: TermElement) -> Int32 {
            element.isPrefix ? wordCount + prefixIds[element.word]! : wordIds[element.word]!
        }
        /// The atom a leaf is looked at through: its likely rarest one
        /// (every atom of a sequence or NEAR must occur anyway).
        func trigger(_ elements: [TermElement]) -> Int32 {
            atom(elements.min { TriggerCost.of([$0]) < TriggerCost.of([$1]) }!)
        }

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
            var elements: [TermElement] = []
            var split = 0
            var distance = 0
            switch term {
            case .words(let words, let fieldMask):
                (kind, mask, elements, split) = (.sequence, fieldMask, words, words.count)
            case .near(let left, let right, let nearDistance, let fieldMask):
                (kind, mask, elements, split, distance) = (.near, fieldMask, left + right, left.count, nearDistance)
            case .value(let field, let key, let isPrefix):
                values.add(field: field, key: key, isPrefix: isPrefix, leaf: leaf)
            case .domain(let host):
                values.domains[host, default: []].append(leaf)
            }
            kinds.append(kind)
            masks.append(mask)
            atomsByLeaf.append(elements.map(atom))
            splits.append(Int32(split))
            distances.append(Int32(distance))
            costs.append(elements.isEmpty ? TriggerCost.valueLeaf : TriggerCost.of(elements))
            triggerAtoms.append(elements.isEmpty ? -1 : trigger(elements))
        }

        // Every beginning of every prefix is in the path filter, so a
        // word's walk through its own beginnings stops at the first that
        // no prefix continues.
        var prefixPaths = BitFilter(expectedCount: prefixes.reduce(0) { $0 + $1.count })
        for prefix in prefixes {
            var hash = ByteStringTable.initialHash
            for byte in prefix {
                hash = ByteStringTable.hash(hash, adding: byte)
                prefixPaths.insert(hash)
            }
        }

        var program = MatcherProgram(
            words: ByteStringTable(words), prefixes: ByteStringTable(prefixes), prefixPaths: prefixPaths,
            wordCount: wordCount, atomLeaves: CompactLists([]), leafKinds: kinds, leafMasks: masks,
            leafAtoms: CompactLists(atomsByLeaf), leafSplits: splits, leafDistances: distances, leafTerms: terms,
            leafQueries: CompactLists([]), nodes: nodes, children: children, roots: roots, alwaysCandidates: [],
            values: values)
        // A searchable query is looked at when one of its trigger leaves is
        // true; one that can hold with none of its terms (`NOT x`) is
        // evaluated for every item. Only trigger leaves are tested up front
        // (through their atom); the others when a query needs them.
        var queriesByLeaf = [[Int32]](repeating: [], count: terms.count)
        var leavesByAtom = [[Int32]](repeating: [], count: atomCount)
        var alwaysCandidates: [Int32] = []
        for (query, root) in roots.enumerated() where searchableQueries[query] {
            guard !program.holdsWithoutTerms(root), let triggers = program.triggers(root, costs: costs) else {
                alwaysCandidates.append(Int32(query))
                continue
            }
            for leaf in Set(triggers) {
                if queriesByLeaf[Int(leaf)].isEmpty, triggerAtoms[Int(leaf)] >= 0 {
                    leavesByAtom[Int(triggerAtoms[Int(leaf)])].append(leaf)
                }
                queriesByLeaf[Int(leaf)].append(Int32(query))
            }
        }
        program.atomLeaves = CompactLists(leavesByAtom)
        program.leafQueries = CompactLists(queriesByLeaf)
        program.alwaysCandidates = alwaysCandidates
        return program
    }
}
