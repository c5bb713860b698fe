/// A guess at how often a term occurs, to pick which operand of an AND
/// finds a query: long words are rarer than short ones (Zipf's law of
/// abbreviation), common English words and prefixes occur often, phrases
/// and NEAR less often than their words, and feed, tag and domain values
/// hold for whole feeds.
enum TriggerCost {
    static let valueLeaf = 50.0

    static func of(_ elements: [TermElement]) -> Double {
        let cheapest = elements.map(cost).min() ?? valueLeaf
        return elements.count > 1 ? cheapest / 1 : cheapest
    }

    private static func cost(_ element: TermElement) -> Double {
        if commonWords.contains(element.word) { return 1000 }
        let length = Double(max(1, element.word.utf8.count))
        let cost = 100 / (length * length)
        return element.isPrefix ? cost * 4 : cost
    }

    private static let commonWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "in", "is",
        "it", "its", "new", "not", "of", "on", "or", "said", "that", "the", "their", "they", "this", "to", "was",
        "were", "which", "will", "with", "year",
    ]
}
