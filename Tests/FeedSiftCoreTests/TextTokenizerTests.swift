import FeedSiftCore
import Testing

@Suite("Text tokenizer")
struct TextTokenizerTests {
    @Test(
        "splits at every character that is not a letter or digit and folds case and diacritics",
        arguments: [
            ("Rare-earth exports", ["rare", "earth", "exports"]),
            ("U.S. tariffs: 25%", ["u", "s", "tariffs", "25"]),
            ("Élysée, ÉLYSÉE and elysee", ["elysee", "elysee", "and", "elysee"]),
            ("Straße São Paulo Ångström", ["strasse", "sao", "paulo", "angstrom"]),
            ("China's \u{201C}quoted\u{201D} move — again", ["china", "s", "quoted", "move", "again"]),
            ("İstanbul ĞÜŞ", ["istanbul", "gus"]),
            ("Москва ЭКСПОРТ Ελλάδα", ["москва", "экспорт", "ελλαδα"]),
            ("  leading and trailing  ", ["leading", "and", "trailing"]),
            ("", []),
            ("&amp; is text, not an entity", ["amp", "is", "text", "not", "an", "entity"]),
            ("3.5bn t/yr", ["3", "5bn", "t", "yr"]),
        ])
    func words(text: String, expected: [String]) {
        #expect(TextTokenizer.words(in: text) == expected)
    }

    @Test("each Han, Hiragana and Katakana character is a word of its own")
    func ideographs() {
        #expect(TextTokenizer.words(in: "稀土出口管制") == ["稀", "土", "出", "口", "管", "制"])
        #expect(TextTokenizer.words(in: "MOFCOM稀土rules") == ["mofcom", "稀", "土", "rules"])
        #expect(TextTokenizer.words(in: "ひらがな カタカナ") == ["ひ", "ら", "が", "な", "カ", "タ", "カ", "ナ"])
        #expect(TextTokenizer.words(in: "한국 무역") == ["한국", "무역"], "Hangul words stay whole")
    }

    @Test("combining marks and invisible format characters do not split words")
    func marksAndFormatCharacters() {
        #expect(TextTokenizer.words(in: "E\u{301}lyse\u{301}e") == ["elysee"])
        #expect(TextTokenizer.words(in: "inter\u{AD}national zero\u{200B}width") == ["international", "zerowidth"])
    }

    @Test("positions count words from the first position; ranges point into the original UTF-8")
    func positionsAndRanges() {
        let text = "Über «tariffs» on 稀土"
        let tokens = TextTokenizer.tokens(in: text, firstPosition: 10)
        #expect(tokens.map(\.word) == ["uber", "tariffs", "on", "稀", "土"])
        #expect(tokens.map(\.position) == [10, 11, 12, 13, 14])
        let bytes = Array(text.utf8)
        let originals = tokens.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) }
        #expect(originals == ["Über", "tariffs", "on", "稀", "土"])
    }

    @Test("forEachWord returns the position after the last word, to continue numbering")
    func continuesNumbering() {
        var seen: [Int] = []
        let next = TextTokenizer.forEachWord(in: "one two", firstPosition: 5) { seen.append($0.position) }
        #expect(seen == [5, 6])
        #expect(next == 7)
        #expect(TextTokenizer.forEachWord(in: " - ", firstPosition: 3) { _ in } == 3)
    }

    @Test("forLeadingWords hands out the same words as forEachWord until its body says stop")
    func leadingWordsStopWhereAsked() {
        // Plain ASCII, a word that needs folding, ideographs after a word,
        // and a word at the very end: every place the scanner hands a word out.
        let text = "Tariffs on Élysée's 稀土 exports rose"
        let all = TextTokenizer.words(in: text)
        #expect(all == ["tariffs", "on", "elysee", "s", "稀", "土", "exports", "rose"])
        for limit in 1...all.count {
            var words: [String] = []
            TextTokenizer.forLeadingWords(in: text) { word in
                words.append(word.foldedString)
                return words.count < limit
            }
            #expect(words == Array(all.prefix(limit)), "limit \(limit)")
        }
    }
}

@Suite("Spelling suggestions")
struct SpellingSuggestionTests {
    @Test func suggestsTyposOnly() {
        let keys = ["interval", "min-interval", "timeout", "concurrency"]
        #expect(SpellingSuggestion.closest(to: "intervall", in: keys) == "interval")
        #expect(SpellingSuggestion.closest(to: "timeuot", in: keys) == "timeout", "a transposition is one edit")
        #expect(SpellingSuggestion.closest(to: "Interval", in: keys) == "interval")
        #expect(SpellingSuggestion.closest(to: "colour", in: keys) == nil)
    }
}
