import FeedSiftCore

@testable import FeedSiftRules

/// The rule language evaluated the slow, obvious way, straight from a
/// parsed query and the item's words: no tables, no triggers, no shared
/// state between rules. The matcher must agree with it on every item.
struct NaiveQueryEvaluator {
    /// One run of words in which phrases and NEAR may match: a text field,
    /// or one author's name.
    struct Segment {
        var field: QueryField
        var text: [UInt8]
        var tokens: [TextToken]

        init(field: QueryField, text: String, tokens: [TextToken]) {
            self.field = field
            self.text = Array(text.utf8)
            self.tokens = tokens
        }
    }

    /// A term's occurrence as an explanation lists it.
    struct Occurrence: Hashable, Comparable {
        var field: QueryField
        var position: Int?
        var term: String
        var text: String

        static func < (a: Occurrence, b: Occurrence) -> Bool {
            (a.field, a.position ?? -1, a.term, a.text) < (b.field, b.position ?? -1, b.term, b.text)
        }
    }

    let item: ClassifiableItem
    private let segments: [Segment]

    init(item: ClassifiableItem) {
        self.item = item
        var segments = [
            Segment(field: .title, text: item.title, tokens: TextTokenizer.tokens(in: item.title)),
            Segment(field: .summary, text: item.summary, tokens: TextTokenizer.tokens(in: item.summary)),
            Segment(field: .content, text: item.content, tokens: TextTokenizer.tokens(in: item.content)),
        ]
        // Authors' words are numbered on, with a gap wider than any NEAR between two authors.
        var position = 0
        for author in item.authors {
            let tokens = TextTokenizer.tokens(in: author, firstPosition: position)
            segments.append(Segment(field: .author, text: author, tokens: tokens))
            position = (tokens.last.map { $0.position + 1 } ?? position) + QueryLexer.maximumNearDistance + 1
        }
        self.segments = segments
    }

    func holds(_ expression: QueryExpression) -> Bool {
        switch expression {
        case .term(let term): return occurs(term)
        case .not(let inner): return !holds(inner)
        case .and(let operands): return operands.allSatisfy(holds)
        case .or(let operands): return operands.contains(where: holds)
        }
    }

    /// Every occurrence of every term of `expression` that is not under a
    /// NOT, each term once however often the query names it.
    func explanation(of expression: QueryExpression) -> [Occurrence] {
        var terms: [QueryTerm] = []
        collectPositiveTerms(expression, into: &terms)
        return terms.flatMap(occurrences(of:)).sorted()
    }

    private func collectPositiveTerms(_ expression: QueryExpression, into terms: inout [QueryTerm]) {
        switch expression {
        case .term(let term): if !terms.contains(term) { terms.append(term) }
        case .not: break
        case .and(let operands), .or(let operands):
            for operand in operands { collectPositiveTerms(operand, into: &terms) }
        }
    }

    private func occurs(_ term: QueryTerm) -> Bool {
        switch term {
        case .words(let elements, let mask): return !spans(of: elements, mask: mask).isEmpty
        case .near(let left, let right, let distance, let mask):
            let rightSpans = spans(of: right, mask: mask)
            return spans(of: left, mask: mask).contains { segment, a0, a1 in
                rightSpans.contains { other, b0, b1 in
                    guard other == segment else { return false }
                    let gap = b0 > a1 ? b0 - a1 : a0 > b1 ? a0 - b1 : Int.max
                    return gap <= distance
                }
            }
        case .value, .domain: return !occurrences(of: term).isEmpty
        }
    }

    func occurrences(of term: QueryTerm) -> [Occurrence] {
        let display = term.display
        switch term {
        case .words(let elements, let mask):
            return spans(of: elements, mask: mask).map { index, first, last in
                let segment = segments[index]
                return Occurrence(
                    field: segment.field, position: segment.tokens[first].position, term: display,
                    text: text(segment, first, last))
            }
        case .near(let left, let right, let distance, let mask):
            var result = Set<Occurrence>()
            for (index, a0, a1) in spans(of: left, mask: mask) {
                let segment = segments[index]
                for (other, b0, b1) in spans(of: right, mask: mask) where other == index {
                    let gap = b0 > a1 ? b0 - a1 : a0 > b1 ? a0 - b1 : Int.max
                    guard gap <= distance else { continue }
                    let first = min(a0, b0)
                    result.insert(
                        Occurrence(
                            field: segment.field, position: segment.tokens[first].position, term: display,
                            text: text(segment, first, max(a1, b1))))
                }
            }
            return result.sorted()
        case .value(.feed, let key, let isPrefix):
            guard Self.value(ValueLeaves.key(item.feedName), matches: key, isPrefix: isPrefix) else { return [] }
            return [Occurrence(field: .feed, position: nil, term: display, text: item.feedName)]
        case .value(_, let key, let isPrefix):
            return item.feedTags.filter { Self.value(ValueLeaves.key($0), matches: key, isPrefix: isPrefix) }.map {
                Occurrence(field: .tag, position: nil, term: display, text: $0)
            }
        case .domain(let domain):
            guard let host = item.host, host == domain || host.hasSuffix("." + domain) else { return [] }
            return [Occurrence(field: .domain, position: nil, term: display, text: host)]
        }
    }

    /// Where the consecutive `elements` occur: segment, and token indices of the first and last word.
    private func spans(of elements: [TermElement], mask: UInt8) -> [(Int, Int, Int)] {
        var result: [(Int, Int, Int)] = []
        for (index, segment) in segments.enumerated()
        where mask & segment.field.mask != 0 && segment.tokens.count >= elements.count {
            for start in 0...(segment.tokens.count - elements.count) {
                let matches = elements.indices.allSatisfy { offset in
                    Self.word(segment.tokens[start + offset].word, matches: elements[offset])
                }
                if matches { result.append((index, start, start + elements.count - 1)) }
            }
        }
        return result
    }

    private func text(_ segment: Segment, _ first: Int, _ last: Int) -> String {
        String(
            decoding: segment.text[
                segment.tokens[first].utf8Range.lowerBound..<segment.tokens[last].utf8Range.upperBound],
            as: UTF8.self)
    }

    private static func word(_ word: String, matches element: TermElement) -> Bool {
        element.isPrefix ? word.utf8.starts(with: element.word.utf8) : word.utf8.elementsEqual(element.word.utf8)
    }

    private static func value(_ value: String, matches key: String, isPrefix: Bool) -> Bool {
        isPrefix ? value.utf8.starts(with: key.utf8) : value.utf8.elementsEqual(key.utf8)
    }
}
