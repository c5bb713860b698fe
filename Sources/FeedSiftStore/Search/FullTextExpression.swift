import FeedSiftCore

/// Turns what a user typed into an FTS5 `MATCH` expression that SQLite
/// cannot misread: every word is re-emitted as a double-quoted string made
/// only of letters and digits, so FTS5 operators, column filters and quotes
/// in the input are never interpreted.
///
/// What the input may say: words (all must occur), `word*` (prefix),
/// `"a phrase"` (consecutive words). Words are split as the rule language
/// splits them (`TextTokenizer`), so `rare-earth` or `U.S.` is the phrase
/// of its parts. Each word is passed on as written and folded by the
/// index's own tokenizer, so query and index fold alike.
///
/// The index's tokenizer (`SearchTokenizer`) splits as the rule language
/// does, so each Han or kana character is a word: a run of them in the
/// query is a phrase, found wherever it stands in a longer run.
public enum FullTextExpression {
    /// The expression, or nil when the input holds no letter or digit.
    public static func build(from input: String) -> String? {
        var terms: [String] = []
        for chunk in chunks(of: input) {
            let words = words(in: String(chunk.text))
            guard !words.isEmpty else { continue }
            let phrase = "\"" + words.joined(separator: " ") + "\""
            terms.append(chunk.isPrefix ? phrase + " *" : phrase)
        }
        return terms.isEmpty ? nil : terms.joined(separator: " AND ")
    }

    private struct Chunk {
        var text: Substring
        var isPrefix: Bool
    }

    /// Splits at white space outside double quotes; a quoted run is one chunk.
    private static func chunks(of input: String) -> [Chunk] {
        var result: [Chunk] = []
        var rest = Substring(input)
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            if rest.first == "\"" {
                let body = rest.dropFirst()
                let end = body.firstIndex(of: "\"") ?? body.endIndex
                let afterQuote = end < body.endIndex ? body.index(after: end) : end
                let isPrefix = afterQuote < body.endIndex && body[afterQuote] == "*"
                result.append(Chunk(text: body[..<end], isPrefix: isPrefix))
                rest = body[afterQuote...]
            } else {
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                let word = rest[..<end]
                result.append(Chunk(text: word, isPrefix: word.hasSuffix("*")))
                rest = rest[end...]
            }
        }
        return result
    }

    /// The chunk's words as written (the index folds them as it folds text).
    private static func words(in text: String) -> [Substring] {
        let utf8 = text.utf8
        var words: [Substring] = []
        TextTokenizer.forEachWord(in: text) { word in
            let start = utf8.index(utf8.startIndex, offsetBy: word.utf8Range.lowerBound)
            words.append(text[start..<utf8.index(start, offsetBy: word.utf8Range.count)])
        }
        return words
    }
}
