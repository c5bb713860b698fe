import FeedSiftCore
import Synchronization

/// Runs a `MatcherProgram` over items.
///
/// Classifying an item reads its fields once: each word is fingerprinted
/// (`WordHash`), appended to the item's word list and looked up among the
/// trigger atoms only, the likely rarest term of each query. The leaves of
/// the trigger atoms found are tested where they occur; the queries of the
/// leaves that hold (and the few that can hold without any term) are
/// evaluated, testing their other terms against the word list on demand.
/// So the cost follows the item's length and the triggers that occur, not
/// the number of rules, and a word no query is found through costs the
/// same with 10 rules as with 10,000.
///
/// Safe to use from many threads: each call borrows its own scratch memory
/// from a pool. The matcher owns that memory and frees it when released.
final class CompiledMatcher: Sendable {
    let program: MatcherProgram
    private let pool = Mutex<[MatchScratch]>([])

    /// Gap left between two authors' words so no phrase or NEAR spans them.
    static let authorGap = QueryLexer.maximumNearDistance + 1

    init(program: MatcherProgram) {
        self.program = program
    }

    deinit {
        pool.withLock { scratches in
            for scratch in scratches { scratch.deallocate() }
        }
    }

    /// Evaluates the searchable queries for `item` and hands the ids of
    /// those that hold (ascending), with the scratch memory still
    /// describing the item, to `body`.
    func withEvaluation<Result>(
        of item: ClassifiableItem, _ body: (inout MatchScratch, _ matchedQueries: [Int32]) -> Result
    ) -> Result {
        var scratch =
            pool.withLock { $0.popLast() }
            ?? MatchScratch(leafCount: program.leafCount, queryCount: program.roots.count)
        scratch.begin()
        readWords(of: item, into: &scratch)
        testTriggers(&scratch)
        if program.hasValueTriggers {
            program.values.forEachLeaf(of: item) { leaf, _, _ in
                scratch.setTrue(leaf: leaf)
                if program.leafIsTrigger[Int(leaf)] { addQueries(of: leaf, &scratch) }
            }
            scratch.valuesKnown = true
        }
        for query in program.alwaysCandidates { scratch.addCandidate(query: query) }
        var matched: [Int32] = []
        for index in 0..<scratch.candidates.count {
            let query = scratch.candidates[index]
            if evaluate(query, item, &scratch) { matched.append(query) }
        }
        matched.sort()
        let result = body(&scratch, matched)
        pool.withLock { $0.append(scratch) }
        return result
    }

    func evaluate(_ query: Int32, _ item: ClassifiableItem, _ scratch: inout MatchScratch) -> Bool {
        holds(program.roots[Int(query)], item, &scratch)
    }

    private func holds(_ node: Int32, _ item: ClassifiableItem, _ scratch: inout MatchScratch) -> Bool {
        switch program.nodes[Int(node)] {
        case .leaf(let leaf): return isTrue(leaf, item, &scratch)
        case .not(let child): return !holds(child, item, &scratch)
        case .and(let range):
            for index in range where !holds(program.children[Int(index)], item, &scratch) { return false }
            return true
        case .or(let range):
            for index in range where holds(program.children[Int(index)], item, &scratch) { return true }
            return false
        }
    }

    /// Whether a leaf holds for the item. Trigger leaves were decided where
    /// their trigger atom occurs (not found: false); feed, tag and domain
    /// leaves are decided together; the others are tested now, once.
    func isTrue(_ leaf: Int32, _ item: ClassifiableItem, _ scratch: inout MatchScratch) -> Bool {
        if scratch.isKnown(leaf: leaf) { return scratch.isTrue(leaf: leaf) }
        switch program.leafKinds[Int(leaf)] {
        case .value:
            if !scratch.valuesKnown {
                program.values.forEachLeaf(of: item) { leaf, _, _ in scratch.setTrue(leaf: leaf) }
                scratch.valuesKnown = true
            }
            return scratch.isTrue(leaf: leaf)
        case .sequence, .near:
            if program.leafIsTrigger[Int(leaf)] { return false }
            let value = occurs(leaf, &scratch)
            scratch.setKnown(leaf: leaf, isTrue: value)
            return value
        }
    }

    private func addQueries(of leaf: Int32, _ scratch: inout MatchScratch) {
        let queries = program.leafQueries
        for index in queries.range(leaf) { scratch.addCandidate(query: queries.items[index]) }
    }

    // MARK: Reading the words

    private func readWords(of item: ClassifiableItem, into scratch: inout MatchScratch) {
        read(item.title, field: .title, from: 0, into: &scratch)
        read(item.summary, field: .summary, from: 0, into: &scratch)
        read(item.content, field: .content, from: 0, into: &scratch)
        var position = 0
        for author in item.authors {
            position = read(author, field: .author, from: position, into: &scratch) + Self.authorGap
        }
    }

    /// Records the words of `text` from `firstPosition` on and the trigger
    /// atoms among them; returns the position after the last word.
    @discardableResult
    private func read(
        _ text: String, field: QueryField, from firstPosition: Int, into scratch: inout MatchScratch
    ) -> Int {
        let fieldNumber = UInt8(field.rawValue)
        let triggers = program.triggers
        let atoms = program.atoms
        let hasPrefixes = triggers.hasPrefixes
        return TextTokenizer.forEachWord(in: text, firstPosition: firstPosition) { word in
            guard let bytes = word.folded.baseAddress else { return }
            let length = word.folded.count
            let head = word.head
            let hash = WordHash.hash(bytes, count: length, head: head)
            let index = scratch.words.count
            scratch.words.append(
                bytes, length: length, head: head, field: fieldNumber,
                position: Int32(truncatingIfNeeded: word.position))
            triggers.forEachWordSlot(hash) { slot in
                if slot.word >= 0, atoms.matches(slot.word, word: index, in: scratch.words) {
                    scratch.addHit(atom: slot.word, word: index)
                }
            }
            guard hasPrefixes, triggers.mayBeginPrefix(head) else { return }
            // Beginnings of up to 8 bytes hash from the zero-padded head,
            // so a word shorter than the beginning needs no test of its
            // length (its padded head is no prefix): the branches below
            // are mostly "no", which the processor predicts.
            var isShortest = true
            for prefixLength in triggers.prefixLengths {
                let prefixHash: UInt64
                if prefixLength <= 8 {
                    prefixHash = WordHash.prefixHash(head: head, length: prefixLength)
                } else {
                    guard prefixLength <= length else { break }
                    prefixHash = WordHash.hash(bytes, count: prefixLength, head: head)
                }
                let (ends, continues) = triggers.prefixPaths.look(prefixHash, isShortest: isShortest)
                isShortest = false
                if ends {
                    triggers.forEachSlot(prefixHash) { slot in
                        if slot.prefix >= 0, atoms.matches(slot.prefix, word: index, in: scratch.words) {
                            scratch.addHit(atom: slot.prefix, word: index)
                        }
                    }
                }
                guard continues else { break }
            }
        }
    }

    // MARK: Triggers

    /// Tests the trigger leaves of every trigger atom found, where it was
    /// found, and makes the queries of those that hold candidates.
    private func testTriggers(_ scratch: inout MatchScratch) {
        let leaves = program.atomTriggerLeaves
        for hit in 0..<scratch.hits.count {
            let (atom, word) = scratch.hits[hit]
            for index in leaves.range(atom) {
                let leaf = leaves.items[index]
                guard !scratch.isTrue(leaf: leaf), occurs(leaf, at: Int(word), as: atom, in: scratch.words) else {
                    continue
                }
                scratch.setTrue(leaf: leaf)
                addQueries(of: leaf, &scratch)
            }
        }
    }
}
