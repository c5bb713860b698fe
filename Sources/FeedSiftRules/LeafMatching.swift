/// Where a leaf's words, phrase or NEAR pair occur in the item's word
/// list: anchored at one word (for triggers), anywhere (for the other
/// leaves a query needs), or every occurrence (for explanations).
extension CompiledMatcher {
    /// How many words are looked up by scanning the word list before an
    /// item's word index is built.
    private static let scansBeforeIndex = 8

    /// Whether trigger leaf `leaf` occurs with its atom `atom` at word `index`.
    func occurs(_ leaf: Int32, at index: Int, as atom: Int32, in words: borrowing ItemWords) -> Bool {
        let atoms = program.leafAtoms.range(leaf)
        let items = program.leafAtoms.items
        let mask = program.leafMasks[Int(leaf)]
        switch program.leafKinds[Int(leaf)] {
        case .sequence:
            if atoms.count == 1 { return mask & 1 << words.places[index].field != 0 }
            for offset in atoms where items[offset] == atom {
                if sequence(atoms, at: index - (offset - atoms.lowerBound), mask: mask, words) { return true }
            }
            return false
        case .near:
            let (left, right) = nearSides(of: leaf)
            for offset in atoms where items[offset] == atom {
                let (own, other) = left.contains(offset) ? (left, right) : (right, left)
                let start = index - (offset - own.lowerBound)
                guard sequence(own, at: start, mask: mask, words) else { continue }
                var found = false
                forEachPartner(of: start..<start + own.count, other, leaf: leaf, words) { _ in
                    found = true
                    return false
                }
                if found { return true }
            }
            return false
        case .value:
            return false
        }
    }

    /// Whether a sequence or NEAR leaf occurs anywhere in the item.
    func occurs(_ leaf: Int32, _ scratch: inout MatchScratch) -> Bool {
        var found = false
        forEachOccurrence(of: leaf, &scratch) { _ in
            found = true
            return false
        }
        return found
    }

    /// Every occurrence of a sequence or NEAR leaf (for NEAR, the span from
    /// the first word of the pair to the last), in no particular order.
    func spans(of leaf: Int32, _ scratch: inout MatchScratch) -> [WordSpan] {
        var spans: [WordSpan] = []
        forEachOccurrence(of: leaf, &scratch) { span in
            spans.append(span)
            return true
        }
        return spans
    }

    /// Calls `body` with each occurrence until it returns false.
    private func forEachOccurrence(of leaf: Int32, _ scratch: inout MatchScratch, _ body: (WordSpan) -> Bool) {
        let mask = program.leafMasks[Int(leaf)]
        let kind = program.leafKinds[Int(leaf)]
        guard kind != .value else { return }
        let (first, second) = kind == .near ? nearSides(of: leaf) : (program.leafAtoms.range(leaf), 0..<0)
        let anchor = anchorOffset(first)
        let anchorAtom = program.leafAtoms.items[anchor]
        prepareLookup(of: anchorAtom, &scratch)
        let words = scratch.words
        forEachWord(matching: anchorAtom, in: words, scratch.wordIndex) { index in
            let start = index - (anchor - first.lowerBound)
            guard sequence(first, at: start, mask: mask, words) else { return true }
            guard kind == .near else { return body(Self.span(start..<start + first.count, words)) }
            var goOn = true
            forEachPartner(of: start..<start + first.count, second, leaf: leaf, words) { partner in
                goOn = body(
                    Self.span(min(start, partner.lowerBound)..<max(start + first.count, partner.upperBound), words))
                return goOn
            }
            return goOn
        }
    }

    private static func span(_ range: Range<Int>, _ words: borrowing ItemWords) -> WordSpan {
        WordSpan(
            field: words.places[range.lowerBound].field, first: words.places[range.lowerBound].position,
            last: words.places[range.upperBound - 1].position)
    }

    /// The atoms of a NEAR leaf's two sides.
    private func nearSides(of leaf: Int32) -> (Range<Int>, Range<Int>) {
        let atoms = program.leafAtoms.range(leaf)
        let split = atoms.lowerBound + Int(program.leafSplits[Int(leaf)])
        return (atoms.lowerBound..<split, split..<atoms.upperBound)
    }

    /// The element a sequence is looked for through: a whole word if it has
    /// one (found through the word index), else its first prefix.
    private func anchorOffset(_ atoms: Range<Int>) -> Int {
        let items = program.leafAtoms.items
        return atoms.first { !program.atoms.isPrefix(items[$0]) } ?? atoms.lowerBound
    }

    /// Whether the words from `start` on are the sequence `atoms`, at
    /// consecutive positions of one field in `mask`.
    private func sequence(_ atoms: Range<Int>, at start: Int, mask: UInt8, _ words: borrowing ItemWords) -> Bool {
        guard words.areConsecutive(from: start, count: atoms.count), mask & 1 << words.places[start].field != 0 else {
            return false
        }
        let items = program.leafAtoms.items
        for offset in atoms
        where !program.atoms.matches(items[offset], word: start + offset - atoms.lowerBound, in: words) {
            return false
        }
        return true
    }

    /// Calls `body` with each occurrence of the sequence `other` in the field
    /// of the words `span`, not overlapping them and at most the NEAR
    /// distance of `leaf` away, until it returns false.
    private func forEachPartner(
        of span: Range<Int>, _ other: Range<Int>, leaf: Int32, _ words: borrowing ItemWords,
        _ body: (Range<Int>) -> Bool
    ) {
        let distance = Int(program.leafDistances[Int(leaf)])
        let mask = program.leafMasks[Int(leaf)]
        let first = words.places[span.lowerBound]
        let last = words.places[span.upperBound - 1]
        // Positions grow at least as fast as indices within a field, so
        // every partner starts within the distance in the word list too.
        let low = max(0, span.lowerBound - distance - other.count)
        let high = min(words.count - other.count, span.upperBound - 1 + distance)
        guard low <= high else { return }
        for start in low...high where words.places[start].field == first.field {
            guard sequence(other, at: start, mask: mask, words) else { continue }
            let partnerFirst = words.places[start].position
            let partnerLast = words.places[start + other.count - 1].position
            let gap =
                partnerFirst > last.position
                ? partnerFirst - last.position : first.position > partnerLast ? first.position - partnerLast : Int32.max
            if gap <= distance, !body(start..<start + other.count) { return }
        }
    }

    /// Counts a lookup of a word; after a few in one item, builds the
    /// item's word index so the rest cost one probe each.
    private func prepareLookup(of atom: Int32, _ scratch: inout MatchScratch) {
        guard !program.atoms.isPrefix(atom), !scratch.wordIndex.isBuilt else { return }
        if scratch.wordScans >= Self.scansBeforeIndex {
            scratch.wordIndex.build(scratch.words)
        } else {
            scratch.wordScans += 1
        }
    }

    /// Calls `body` with the index of each word `atom` matches, in order,
    /// until it returns false: through the word index when it is built (for
    /// a word), else by scanning the words.
    private func forEachWord(
        matching atom: Int32, in words: ItemWords, _ wordIndex: borrowing ItemWordIndex,
        _ body: (Int) -> Bool
    ) {
        let atoms = program.atoms
        if wordIndex.isBuilt, !atoms.isPrefix(atom) {
            var index = wordIndex.first(atoms.head(atom), in: words)
            while index >= 0 {
                if atoms.matches(atom, word: index, in: words), !body(index) { return }
                index = wordIndex.next(after: index)
            }
            return
        }
        let probe = atoms.probe(atom)
        var stop = false
        probe.forEachHeadMatch(words.heads, count: words.count) { index in
            guard probe.isCertain || atoms.matches(atom, word: index, in: words) else { return true }
            stop = !body(index)
            return !stop
        }
    }
}

/// Consecutive words of one field: positions `first...last`.
struct WordSpan: Hashable {
    var field: UInt8
    var first: Int32
    var last: Int32
}
