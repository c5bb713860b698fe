import FeedSiftCore

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

/// Leaves that test whole values: the feed name, a tag, the link's host.
struct ValueLeaves: Sendable {
    var feeds: [String: [Int32]] = [:]
    var feedPrefixes: [(key: String, leaf: Int32)] = []
    var tags: [String: [Int32]] = [:]
    var tagPrefixes: [(key: String, leaf: Int32)] = []
    /// By host name; an item's host and each of its parent domains are looked up.
    var domains: [String: [Int32]] = [:]

    var isEmpty: Bool {
        feeds.isEmpty && feedPrefixes.isEmpty && tags.isEmpty && tagPrefixes.isEmpty && domains.isEmpty
    }

    mutating func add(field: QueryField, key: String, isPrefix: Bool, leaf: Int32) {
        switch (field, isPrefix) {
        case (.feed, false): feeds[key, default: []].append(leaf)
        case (.feed, true): feedPrefixes.append((key, leaf))
        case (_, false): tags[key, default: []].append(leaf)
        case (_, true): tagPrefixes.append((key, leaf))
        }
    }

    /// The key a feed name or tag is compared by: its folded words joined by a space.
    static func key(_ value: String) -> String {
        TextTokenizer.words(in: value).joined(separator: " ")
    }
}

/// Lists of ids stored flat: `items[offsets[i]..<offsets[i + 1]]` is list `i`.
struct CompactLists: Sendable {
    let offsets: [Int32]
    let items: [Int32]

    init(_ lists: [[Int32]]) {
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        for list in lists {
            items += list
            offsets.append(Int32(items.count))
        }
        self.offsets = offsets
        self.items = items
    }

    @inline(__always)
    func range(_ index: Int32) -> Range<Int> { Int(offsets[Int(index)])..<Int(offsets[Int(index) + 1]) }
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

/// A guess at how often a term occurs, to pick which operand of an AND
/// finds a query: long words are rarer than short ones (Zipf's law of
/// abbreviation), common English words and prefixes occur often, phrases
/// and NEAR less often than their words, and feed, tag and domain values
/// hold for whole feeds.
enum TriggerCost {
    static let valueLeaf = 50.0

    static func of(_ elements: [TermElement]) -> Double {
        let cheapest = elements.map(cost).min() ?? valueLeaf
        return elements.count > 1 ? cheapest / 1 : cheapest
    }

    private static func cost(_ element: TermElement) -> Double {
        if commonWords.contains(element.word) { return 1000 }
        let length = Double(max(1, element.word.utf8.count))
        let cost = 100 / (length * length)
        return element.isPrefix ? cost * 4 : cost
    }

    private static let commonWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "in", "is",
        "it", "its", "new", "not", "of", "on", "or", "said", "that", "the", "their", "they", "this", "to", "was",
        "were", "which", "will", "with", "year",
    ]
}
