import FeedSiftCore

/// Turns the matcher's view of an item (true leaves, word positions) back
/// into the terms, fields, positions and original text a person reads in
/// `feedsift explain`. Slow path: re-tokenizes the fields it reports on.
struct MatchExplainer {
    let matcher: CompiledMatcher
    let item: ClassifiableItem
    /// Per text field: each word's position → (its text, its UTF-8 range).
    private var fieldWords: [QueryField: [Int: (text: String, range: Range<Int>)]] = [:]

    init(matcher: CompiledMatcher, item: ClassifiableItem) {
        self.matcher = matcher
        self.item = item
    }

    /// The terms of `query` that matched and are not under a NOT, each
    /// occurrence ordered by field and position.
    mutating func matches(of query: Int32, _ scratch: inout MatchScratch) -> [TermMatch] {
        let program = matcher.program
        var leaves: [Int32] = []
        program.positiveLeaves(program.roots[Int(query)], into: &leaves)
        var result: [(field: QueryField, match: TermMatch)] = []
        for leaf in leaves where matcher.isTrue(leaf, item, &scratch) {
            let term = program.leafTerms[Int(leaf)].display
            if program.leafKinds[Int(leaf)] == .value {
                for value in program.values.leaves(of: item) where value.leaf == leaf {
                    result.append(
                        (value.field, TermMatch(field: value.field.name, term: term, position: nil, text: value.value)))
                }
                continue
            }
            for span in Set(matcher.spans(of: leaf, &scratch)) {
                guard let field = QueryField(rawValue: Int(span.field)) else { continue }
                result.append(
                    (
                        field,
                        TermMatch(
                            field: field.name, term: term, position: Int(span.first),
                            text: text(of: field, from: Int(span.first), to: Int(span.last)))
                    ))
            }
        }
        return result.sorted {
            ($0.field, $0.match.position ?? -1, $0.match.term) < ($1.field, $1.match.position ?? -1, $1.match.term)
        }
        .map(\.match)
    }

    /// The original text of a field from the word at `first` to the word at `last`.
    private mutating func text(of field: QueryField, from first: Int, to last: Int) -> String {
        if fieldWords[field] == nil { fieldWords[field] = words(of: field) }
        guard let words = fieldWords[field], let start = words[first], let end = words[last],
            start.text == end.text
        else { return "" }
        let bytes = Array(start.text.utf8)
        return String(decoding: bytes[start.range.lowerBound..<end.range.upperBound], as: UTF8.self)
    }

    private func words(of field: QueryField) -> [Int: (text: String, range: Range<Int>)] {
        var result: [Int: (text: String, range: Range<Int>)] = [:]
        func add(_ text: String, from position: Int) -> Int {
            var next = position
            for token in TextTokenizer.tokens(in: text, firstPosition: position) {
                result[token.position] = (text, token.utf8Range)
                next = token.position + 1
            }
            return next
        }
        switch field {
        case .title: _ = add(item.title, from: 0)
        case .summary: _ = add(item.summary, from: 0)
        case .content: _ = add(item.content, from: 0)
        case .author:
            var position = 0
            for author in item.authors { position = add(author, from: position) + CompiledMatcher.authorGap }
        case .feed, .tag, .domain: break
        }
        return result
    }
}
