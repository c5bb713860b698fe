/// A guess at how often a term occurs in an item, to choose the terms a
/// query is found through: of `a AND b` only the rarer side needs to be
/// looked up, and of a phrase only its rarest word.
///
/// The guess combines three signs of frequency:
/// - listed common English words (`CommonEnglishWords`) occur about as
///   often as Zipf's law says for their rank, and short numbers often;
/// - other words are rarer the longer they are (Zipf's law of
///   abbreviation), prefixes more frequent than words;
/// - a term that many of the rules use is a topic word (`tariff*`,
///   `steel`), frequent in the very items the rules are written for,
///   while a name in one rule of a watch-list is rare.
/// A wrong guess costs time, never a match: every query is still found
/// through some term it needs.
struct TriggerCost {
    /// Value leaves (feed, tag, domain) hold for every item of a feed.
    static let valueLeaf = 50.0

    /// How many queries use each term (its "rule frequency").
    private let ruleFrequency: [TermElement: Int]

    init(ruleFrequency: [TermElement: Int]) {
        self.ruleFrequency = ruleFrequency
    }

    /// A sequence (word, prefix or phrase) or NEAR pair is looked up through
    /// its rarest element; a phrase is rarer than any of its words.
    func of(_ elements: [TermElement]) -> Double {
        let rarest = elements.map(of).min() ?? Self.valueLeaf
        return elements.count > 1 ? rarest / 2 : rarest
    }

    func of(_ element: TermElement) -> Double {
        let uses = Double(max(1, ruleFrequency[element] ?? 1))
        return Self.textFrequency(element) * (1 + uses.squareRoot())
    }

    /// Expected occurrences per thousand words of news text.
    static func textFrequency(_ element: TermElement) -> Double {
        let word = element.word
        let length = word.utf8.count
        let unlisted = min(2, 3.6 / Double(length * length))
        guard element.isPrefix else {
            if let rank = CommonEnglishWords.ranks[word] { return max(unlisted, 60 / Double(rank)) }
            if length <= 4, word.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return 1 }
            return unlisted
        }
        // A prefix matches each listed word it begins; unlisted words it
        // begins are the more the shorter it is.
        var frequency = unlisted * 8
        let words = CommonEnglishWords.sorted
        var index = lowerBound(of: word, in: words)
        while index < words.count, words[index].hasPrefix(word) {
            frequency += 60 / Double(CommonEnglishWords.ranks[words[index]] ?? 1)
            index += 1
        }
        if length <= 2, word.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { frequency += 10 }
        return frequency
    }

    private static func lowerBound(of word: String, in words: [String]) -> Int {
        var low = 0
        var high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
