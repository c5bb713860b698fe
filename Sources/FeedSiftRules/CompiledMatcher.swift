import FeedSiftCore
import Synchronization

/// Runs a `MatcherProgram` over items. Classifying an item tokenizes its
/// fields once, looks every word up in the word and prefix tables, tests
/// only the leaves whose atoms occurred and evaluates only the queries
/// those leaves belong to (plus the few that can hold without any term), so
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

    /// Evaluates every query for `item` and hands the outcome, with the
    /// scratch memory still describing the item, to `body`.
    func withEvaluation<Result>(
        of item: ClassifiableItem, _ body: (borrowing MatchScratch, MatchOutcome) -> Result
    ) -> Result {
        var scratch =
            pool.withLock { $0.popLast() }
            ?? MatchScratch(
                atomCount: program.atomCount, leafCount: program.leafTests.count, queryCount: program.roots.count)
        scratch.begin()
        collectAtoms(of: item, into: &scratch)
        testLeaves(&scratch)
        markValueLeaves(of: item, in: &scratch)
        for leaf in scratch.trueLeaves {
            for index in program.leafQueries.range(leaf) {
                scratch.addCandidate(query: program.leafQueries.items[index])
            }
        }
        for query in program.alwaysCandidates { scratch.addCandidate(query: query) }
        scratch.sortCandidates()
        var matched: [Int32] = []
        for query in scratch.candidates where evaluate(query, scratch) {
            matched.append(query)
        }
        let result = body(scratch, MatchOutcome(matchedQueries: matched))
        pool.withLock { $0.append(scratch) }
        return result
    }

    func evaluate(_ query: Int32, _ scratch: borrowing MatchScratch) -> Bool {
        program.evaluate(program.roots[Int(query)]) { scratch.isTrue(leaf: $0) }
    }

    private func collectAtoms(of item: ClassifiableItem, into scratch: inout MatchScratch) {
        guard program.atomCount > 0 else { return }
        collect(item.title, field: .title, into: &scratch)
        collect(item.summary, field: .summary, into: &scratch)
        collect(item.content, field: .content, into: &scratch)
        var position = 0
        for author in item.authors {
            position = collect(author, field: .author, from: position, into: &scratch) + Int(Self.authorGap)
        }
    }

    @discardableResult
    private func collect(
        _ text: String, field: QueryField, from firstPosition: Int = 0, into scratch: inout MatchScratch
    ) -> Int {
        let fieldNumber = UInt8(field.rawValue)
        let words = program.words
        let prefixes = program.prefixes
        let prefixLengths = program.prefixLengths
        let wordCount = program.wordCount
        let hasPrefixes = prefixes.count > 0
        return TextTokenizer.forEachWord(in: text, firstPosition: firstPosition) { word in
            let bytes = word.folded
            let position = Int32(truncatingIfNeeded: word.position)
            var hash = ByteStringTable.initialHash
            if hasPrefixes {
                let checked = min(bytes.count, prefixLengths.count - 1)
                var index = 0
                while index < checked {
                    hash = ByteStringTable.hash(hash, adding: bytes[index])
                    index += 1
                    if prefixLengths[index] {
                        let id = prefixes.find(bytes, length: index, hash: hash)
                        if id >= 0 { scratch.record(atom: wordCount + id, field: fieldNumber, position: position) }
                    }
                }
                while index < bytes.count {
                    hash = ByteStringTable.hash(hash, adding: bytes[index])
                    index += 1
                }
            } else {
                for byte in bytes { hash = ByteStringTable.hash(hash, adding: byte) }
            }
            let id = words.find(bytes, length: bytes.count, hash: hash)
            if id >= 0 { scratch.record(atom: id, field: fieldNumber, position: position) }
        }
    }

    private func testLeaves(_ scratch: inout MatchScratch) {
        for atom in scratch.touchedAtoms {
            for index in program.atomLeaves.range(atom) {
                let leaf = program.atomLeaves.items[index]
                if test(leaf, scratch) { scratch.setTrue(leaf: leaf) }
            }
        }
    }

    private func test(_ leaf: Int32, _ scratch: borrowing MatchScratch) -> Bool {
        switch program.leafTests[Int(leaf)] {
        case .sequence(let atoms, let mask):
            var occurrence = scratch.firstOccurrence(of: atoms[0])
            while occurrence >= 0 {
                let field = scratch.occurrenceField[Int(occurrence)]
                if mask & (1 << field) != 0 {
                    let start = scratch.occurrencePosition[Int(occurrence)]
                    var matches = true
                    for offset in 1..<max(1, atoms.count)
                    where !scratch.occurs(atoms[offset], field: field, position: start + Int32(offset)) {
                        matches = false
                        break
                    }
                    if matches { return true }
                }
                occurrence = scratch.occurrenceNext[Int(occurrence)]
            }
            return false
        case .near(let left, let right, let distance, let mask):
            return !nearMatches(left, right, distance: distance, mask: mask, scratch, firstOnly: true).isEmpty
        case .value:
            return false
        }
    }

    /// Where a sequence of atoms occurs: field, first and last position.
    func spans(_ atoms: [Int32], mask: UInt8, _ scratch: borrowing MatchScratch) -> [WordSpan] {
        var result: [WordSpan] = []
        var occurrence = scratch.firstOccurrence(of: atoms[0])
        while occurrence >= 0 {
            let field = scratch.occurrenceField[Int(occurrence)]
            let start = scratch.occurrencePosition[Int(occurrence)]
            if mask & (1 << field) != 0,
                atoms.indices.dropFirst().allSatisfy({
                    scratch.occurs(atoms[$0], field: field, position: start + Int32($0))
                })
            {
                result.append(WordSpan(field: field, first: start, last: start + Int32(atoms.count - 1)))
            }
            occurrence = scratch.occurrenceNext[Int(occurrence)]
        }
        return result
    }

    /// Pairs of non-overlapping occurrences of `left` and `right` in one
    /// field with at most `distance` positions between the end of the
    /// earlier and the start of the later, as the span covering both.
    func nearMatches(
        _ left: [Int32], _ right: [Int32], distance: Int32, mask: UInt8, _ scratch: borrowing MatchScratch,
        firstOnly: Bool = false
    ) -> [WordSpan] {
        let leftSpans = spans(left, mask: mask, scratch)
        guard !leftSpans.isEmpty else { return [] }
        let rightSpans = spans(right, mask: mask, scratch)
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
        let values = program.values
        guard !values.isEmpty else { return }
        for leaf in valueLeaves(of: item).map(\.leaf) { scratch.setTrue(leaf: leaf) }
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
                for (prefix, leaf) in values.tagPrefixes where key.hasPrefix(prefix) { result.append((leaf, .tag, tag)) }
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

/// Which queries matched an item, by query id, ascending.
struct MatchOutcome {
    var matchedQueries: [Int32]
}
