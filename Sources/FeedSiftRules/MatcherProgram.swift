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

/// What a leaf tests. Atom ids index the word table (below `wordCount`)
/// or the prefix table (from `wordCount` on).
enum LeafTest: Sendable {
    /// Consecutive atoms (one for a plain word or prefix) in one field of the mask.
    case sequence([Int32], fieldMask: UInt8)
    /// Two sequences in one field, at most `distance` words apart.
    case near([Int32], [Int32], distance: Int32, fieldMask: UInt8)
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
    /// Leaves each query uses, by query id.
    private var queryLeaves: [[Int32]] = []
    private var roots: [Int32] = []
    private var searchableQueries: [Bool] = []

    /// Adds a query and returns its id (the index of its root in `roots`).
    /// Only `searchable` queries are found through their terms; the others
    /// (excludes) are evaluated on demand, for rules whose match held.
    mutating func add(_ expression: QueryExpression, searchable: Bool = true) -> Int32 {
        var leaves: Set<Int32> = []
        roots.append(node(for: expression, leaves: &leaves))
        queryLeaves.append(searchable ? leaves.sorted() : [])
        searchableQueries.append(searchable)
        return Int32(roots.count - 1)
    }

    private mutating func node(for expression: QueryExpression, leaves: inout Set<Int32>) -> Int32 {
        switch expression {
        case .term(let term):
            let leaf = leafId(term)
            leaves.insert(leaf)
            return append(.leaf(leaf))
        case .not(let inner):
            let child = node(for: inner, leaves: &leaves)
            return append(.not(child))
        case .and(let operands), .or(let operands):
            let childNodes = operands.map { node(for: $0, leaves: &leaves) }
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
        /// The atom a leaf is looked at through: its longest word, since
        /// long words are rarer, and any atom of a sequence must occur.
        func trigger(_ elements: [TermElement]) -> Int32 {
            let best = elements.max { ($0.isPrefix ? 0 : 1, $0.word.utf8.count) < ($1.isPrefix ? 0 : 1, $1.word.utf8.count) }
            return atom(best!)
        }

        var tests: [LeafTest] = []
        var leavesByAtom = [[Int32]](repeating: [], count: atomCount)
        var values = ValueLeaves()
        for (index, term) in terms.enumerated() {
            let leaf = Int32(index)
            switch term {
            case .words(let elements, let mask):
                tests.append(.sequence(elements.map(atom), fieldMask: mask))
                leavesByAtom[Int(trigger(elements))].append(leaf)
            case .near(let left, let right, let distance, let mask):
                tests.append(.near(left.map(atom), right.map(atom), distance: Int32(distance), fieldMask: mask))
                leavesByAtom[Int(trigger(left + right))].append(leaf)
            case .value(let field, let key, let isPrefix):
                tests.append(.value)
                values.add(field: field, key: key, isPrefix: isPrefix, leaf: leaf)
            case .domain(let host):
                tests.append(.value)
                values.domains[host, default: []].append(leaf)
            }
        }

        var queriesByLeaf = [[Int32]](repeating: [], count: terms.count)
        var alwaysCandidates: [Int32] = []
        for (query, leaves) in queryLeaves.enumerated() {
            for leaf in leaves { queriesByLeaf[Int(leaf)].append(Int32(query)) }
        }
        var maxPrefixLength = 0
        for prefix in prefixes { maxPrefixLength = max(maxPrefixLength, prefix.count) }
        var prefixLengths = [Bool](repeating: false, count: maxPrefixLength + 1)
        for prefix in prefixes { prefixLengths[prefix.count] = true }

        var program = MatcherProgram(
            words: ByteStringTable(words), prefixes: ByteStringTable(prefixes), prefixLengths: prefixLengths,
            wordCount: wordCount, atomLeaves: CompactLists(leavesByAtom), leafTests: tests, leafTerms: terms,
            leafQueries: CompactLists(queriesByLeaf), nodes: nodes, children: children, roots: roots,
            alwaysCandidates: [], values: values)
        // A query that holds when none of its terms occur (`NOT x`) cannot
        // be found through its terms, so it is evaluated for every item.
        for query in roots.indices where searchableQueries[query] && program.evaluate(roots[query], isTrue: { _ in false }) {
            alwaysCandidates.append(Int32(query))
        }
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
    let prefixes: ByteStringTable
    /// `prefixLengths[n]`: some prefix is `n` bytes long.
    let prefixLengths: [Bool]
    let wordCount: Int32
    /// Leaves to test when an atom occurs (each leaf under one atom).
    let atomLeaves: CompactLists
    let leafTests: [LeafTest]
    let leafTerms: [QueryTerm]
    /// Queries to evaluate when a leaf is true.
    let leafQueries: CompactLists
    let nodes: [ProgramNode]
    let children: [Int32]
    /// Root node of each query, by query id.
    let roots: [Int32]
    /// Queries that can hold with none of their terms present.
    var alwaysCandidates: [Int32]
    let values: ValueLeaves

    var atomCount: Int { Int(wordCount) + prefixes.count }

    func evaluate(_ node: Int32, isTrue: (Int32) -> Bool) -> Bool {
        switch nodes[Int(node)] {
        case .leaf(let leaf): return isTrue(leaf)
        case .not(let child): return !evaluate(child, isTrue: isTrue)
        case .and(let range):
            for index in range where !evaluate(children[Int(index)], isTrue: isTrue) { return false }
            return true
        case .or(let range):
            for index in range where evaluate(children[Int(index)], isTrue: isTrue) { return true }
            return false
        }
    }

    /// The leaves under `node` that are true and not under a NOT: the terms
    /// that made a query match.
    func positiveLeaves(_ node: Int32, isTrue: (Int32) -> Bool, into leaves: inout [Int32]) {
        switch nodes[Int(node)] {
        case .leaf(let leaf): if isTrue(leaf), !leaves.contains(leaf) { leaves.append(leaf) }
        case .not: break
        case .and(let range), .or(let range):
            for index in range { positiveLeaves(children[Int(index)], isTrue: isTrue, into: &leaves) }
        }
    }
}
