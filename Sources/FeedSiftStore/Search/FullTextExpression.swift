/// Turns what a user typed into an FTS5 `MATCH` expression that SQLite
/// cannot misread: every word is re-emitted as a double-quoted string made
/// only of letters and digits, so FTS5 operators, column filters and quotes
/// in the input are never interpreted.
///
/// What the input may say: words (all must occur), `word*` (prefix),
/// `"a phrase"` (consecutive words). A word written with punctuation inside
/// (`rare-earth`, `U.S.`) is the phrase of its parts, as in the rule
/// language. Case and diacritics are folded by the index's tokenizer.
public enum FullTextExpression {
    /// The expression, or nil when the input holds no letter or digit.
    public static func build(from input: String) -> String? {
        var terms: [String] = []
        for chunk in chunks(of: input) {
            let words = words(in: chunk.text)
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

    /// Maximal runs of letters and digits.
    static func words(in text: Substring) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber) }
    }
}
