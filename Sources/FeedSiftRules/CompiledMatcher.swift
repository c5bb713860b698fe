import FeedSiftCore
import Synchronization

/// Runs a `MatcherProgram` over items. Classifying an item tokenizes its
/// fields once, looks every word up in the word and prefix tables, tests
/// only the leaves whose atoms occurred and evaluates only the queries
/// those leaves trigger (plus the few that can hold without any term), so
/// its cost follows the item's length and the terms that occur, not the
/// number of rules. Safe to use from many threads: each call borrows its
/// own scratch memory from a pool.
final class CompiledMatcher: Sendable {
    let program: MatcherProgram
    private let pool = Mutex<[MatchScratch]>([])

    /// Gap left between two authors' words so no phrase or NEAR spans them.
    static let authorGap = Int32(QueryLexer.maximumNearDistance + 1)

    init(program: MatcherProgram) {
        self.program = program
    }

    /// Evaluates the searchable queries for `item` and hands the ids of
    /// those that hold (ascending), with the scratch memory still
    /// describing the item, to `body`.
    func withEvaluation<Result>(
        of item: ClassifiableItem, _ body: (inout MatchScratch, _ matchedQueries: [Int32]) -> Result
    ) -> Result {
        var scratch =
            pool.withLock { $0.popLast() }
            ?? MatchScratch(atomCount: program.atomCount, leafCount: program.leafCount, queryCount: program.roots.count)
        scratch.begin()
        collectAtoms(of: item, into: &scratch)
        testLeaves(&scratch)
        markValueLeaves(of: item, in: &scratch)
        for leaf in scratch.trueLeaves.elements {
            for index in program.leafQueries.range(leaf) {
                scratch.addCandidate(query: program.leafQueries.items[index])
            }
        }
        for query in program.alwaysCandidates { scratch.addCandidate(query: query) }
        var matched: [Int32] = []
        for index in 0..<scratch.candidates.count {
            let query = scratch.candidates[index]
            if evaluate(query, &scratch) { matched.append(query) }
        }
        matched.sort()
        let result = body(&scratch, matched)
        pool.withLock { $0.append(scratch) }
        return result
    }

    func evaluate(_ query: Int32, _ scratch: inout MatchScratch) -> Bool {
        holds(program.roots[Int(query)], &scratch)
    }

    private func holds(_ node: Int32, _ scratch: inout MatchScratch) -> Bool {
        switch program.nodes[Int(node)] {
        case .leaf(let leaf): return isTrue(leaf, &scratch)
        case .not(let child): return !holds(child, &scratch)
        case .and(let range):
            for index in range where !holds(program.children[Int(index)], &scratch) { return false }
            return true
        case .or(let range):
            for index in range where holds(program.children[Int(index)], &scratch) { return true }
            return false
        }
    }

    /// Whether a leaf holds for the item, testing it now if it was not a
    /// trigger tested up front (value leaves always are).
    func isTrue(_ leaf: Int32, _ scratch: inout MatchScratch) -> Bool {
        if scratch.isEvaluated(leaf: leaf) || program.leafKinds[Int(leaf)] == .value {
            return scratch.isTrue(leaf: leaf)
        }
        let value = test(leaf, scratch)
        scratch.setEvaluated(leaf: leaf, isTrue: value)
        return value
    }

    private func collectAtoms(of item: ClassifiableItem, into scratch: inout MatchScratch) {
        guard program.atomCount > 0 else { return }
        var base = collect(item.title, field: .title, base: 0, into: &scratch)
        base += collect(item.summary, field: .summary, base: base, into: &scratch)
        base += collect(item.content, field: .content, base: base, into: &scratch)
        scratch.startField(UInt8(QueryField.author.rawValue), base: Int32(truncatingIfNeeded: base))
        var position = 0
        for author in item.authors {
            position = collect(author, field: .author, from: position, into: &scratch) + Int(Self.authorGap)
        }
    }

    /// Records a field whose word slots start at `base`; returns its word count.
    private func collect(_ text: String, field: QueryField, base: Int, into scratch: inout MatchScratch) -> Int {
        scratch.startField(UInt8(field.rawValue), base: Int32(truncatingIfNeeded: base))
        return collect(text, field: field, from: 0, into: &scratch)
    }

    /// Records the words of `text` from `firstPosition` on; returns the position after the last.
    private func collect(
        _ text: String, field: QueryField, from firstPosition: Int, into scratch: inout MatchScratch
    ) -> Int {
        let fieldNumber = UInt8(field.rawValue)
        let words = program.words
        let prefixes = program.prefixes
        let paths = program.prefixPaths
        let wordCount = program.wordCount
        let hasPrefixes = prefixes.count > 0
        return TextTokenizer.forEachWord(in: text, firstPosition: firstPosition) { word in
            let bytes = word.folded
            let position = Int32(truncatingIfNeeded: word.position)
            var hash = ByteStringTable.initialHash
            var index = 0
            var onPath = hasPrefixes
            while index < bytes.count {
                hash = ByteStringTable.hash(hash, adding: bytes[index])
                index += 1
                if onPath {
                    if paths.mayContain(hash) {
                        let id = prefixes.find(bytes, length: index, hash: hash)
                        if id >= 0 { scratch.record(atom: wordCount + id, field: fieldNumber, position: position) }
                    } else {
                        onPath = false
                    }
                }
            }
            let id = words.find(bytes, length: bytes.count, hash: hash)
            if id >= 0 { scratch.record(atom: id, field: fieldNumber, position: position) }
        }
    }

    private func testLeaves(_ scratch: inout MatchScratch) {
        for atom in scratch.touchedAtoms.elements {
            for index in program.atomLeaves.range(atom) {
                let leaf = program.atomLeaves.items[index]
                if test(leaf, scratch) { scratch.setTrue(leaf: leaf) }
            }
        }
    }

    private func test(_ leaf: Int32, _ scratch: borrowing MatchScratch) -> Bool {
        let atoms = program.leafAtoms.range(leaf)
        let mask = program.leafMasks[Int(leaf)]
        switch program.leafKinds[Int(leaf)] {
        case .sequence:
            return !spans(atoms, mask: mask, scratch, firstOnly: true).isEmpty
        case .near:
            return !nearSpans(of: leaf, scratch, firstOnly: true).isEmpty
        case .value:
            return false
        }
    }

    /// Where the sequence `atoms` occurs in the fields of `mask`. Starts
    /// from the atom with the fewest occurrences in this item.
    func spans(_ atoms: Range<Int>, mask: UInt8, _ scratch: borrowing MatchScratch, firstOnly: Bool = false)
        -> [WordSpan]
    {
        let items = program.leafAtoms.items
        var anchor = atoms.lowerBound
        if atoms.count > 1 {
            var fewest = Int32.max
            for index in atoms {
                let count = scratch.occurrenceCount(of: items[index])
                if count < fewest { (anchor, fewest) = (index, count) }
            }
        }
        let offset = Int32(anchor - atoms.lowerBound)
        var result: [WordSpan] = []
        var occurrence = scratch.firstOccurrence(of: items[anchor])
        while occurrence >= 0 {
            let found = scratch.occurrences[Int(occurrence)]
            let field = found.field
            let start = found.position - offset
            if mask & (1 << field) != 0 {
                var matches = true
                for index in atoms where index != anchor {
                    let position = start + Int32(index - atoms.lowerBound)
                    if !scratch.occurs(items[index], field: field, position: position) {
                        matches = false
                        break
                    }
                }
                if matches {
                    result.append(WordSpan(field: field, first: start, last: start + Int32(atoms.count - 1)))
                    if firstOnly { return result }
                }
            }
            occurrence = found.next
        }
        return result
    }

    /// Where a leaf's sequence occurs (for a NEAR leaf: its matching pairs).
    func spans(of leaf: Int32, _ scratch: borrowing MatchScratch) -> [WordSpan] {
        switch program.leafKinds[Int(leaf)] {
        case .sequence: return spans(program.leafAtoms.range(leaf), mask: program.leafMasks[Int(leaf)], scratch)
        case .near: return nearSpans(of: leaf, scratch, firstOnly: false)
        case .value: return []
        }
    }

    /// Pairs of non-overlapping occurrences of a NEAR leaf's two sequences
    /// in one field with at most its distance between the end of the
    /// earlier and the start of the later, as the span covering both.
    private func nearSpans(of leaf: Int32, _ scratch: borrowing MatchScratch, firstOnly: Bool) -> [WordSpan] {
        let atoms = program.leafAtoms.range(leaf)
        let split = atoms.lowerBound + Int(program.leafSplits[Int(leaf)])
        let mask = program.leafMasks[Int(leaf)]
        let distance = program.leafDistances[Int(leaf)]
        let leftSpans = spans(atoms.lowerBound..<split, mask: mask, scratch)
        guard !leftSpans.isEmpty else { return [] }
        let rightSpans = spans(split..<atoms.upperBound, mask: mask, scratch)
        var result: [WordSpan] = []
        for a in leftSpans {
            for b in rightSpans where a.field == b.field {
                let gap = b.first > a.last ? b.first - a.last : a.first > b.last ? a.first - b.last : Int32.max
                guard gap <= distance else { continue }
                result.append(WordSpan(field: a.field, first: min(a.first, b.first), last: max(a.last, b.last)))
                if firstOnly { return result }
            }
        }
        return result
    }

    private func markValueLeaves(of item: ClassifiableItem, in scratch: inout MatchScratch) {
        guard !program.values.isEmpty else { return }
        for value in valueLeaves(of: item) { scratch.setTrue(leaf: value.leaf) }
    }

    /// The value leaves an item satisfies, with the field and value that did.
    func valueLeaves(of item: ClassifiableItem) -> [(leaf: Int32, field: QueryField, value: String)] {
        let values = program.values
        var result: [(leaf: Int32, field: QueryField, value: String)] = []
        if !values.feeds.isEmpty || !values.feedPrefixes.isEmpty {
            let key = ValueLeaves.key(item.feedName)
            for leaf in values.feeds[key] ?? [] { result.append((leaf, .feed, item.feedName)) }
            for (prefix, leaf) in values.feedPrefixes where key.hasPrefix(prefix) {
                result.append((leaf, .feed, item.feedName))
            }
        }
        if !values.tags.isEmpty || !values.tagPrefixes.isEmpty {
            for tag in item.feedTags {
                let key = ValueLeaves.key(tag)
                for leaf in values.tags[key] ?? [] { result.append((leaf, .tag, tag)) }
                for (prefix, leaf) in values.tagPrefixes where key.hasPrefix(prefix) {
                    result.append((leaf, .tag, tag))
                }
            }
        }
        if !values.domains.isEmpty, let host = item.host {
            var suffix = Substring(host)
            while true {
                for leaf in values.domains[String(suffix)] ?? [] { result.append((leaf, .domain, host)) }
                guard let dot = suffix.firstIndex(of: ".") else { break }
                suffix = suffix[suffix.index(after: dot)...]
            }
        }
        return result
    }
}

/// Consecutive words of one field: positions `first...last`.
struct WordSpan: Hashable {
    var field: UInt8
    var first: Int32
    var last: Int32
}
