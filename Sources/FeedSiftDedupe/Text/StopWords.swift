/// Words that say nothing about which event a story reports: function
/// words, reporting verbs, weekdays and small number words. They are left
/// out of story similarity (IDF would shrink them anyway, but with few
/// stored items IDF is not yet reliable).
enum StopWords {
    static func contains(_ word: String) -> Bool { words.contains(word) }

    private static let words = ShortWordTable(words: [
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "from", "with",
        "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those",
        "he", "she", "they", "them", "their", "his", "her", "we", "our", "you", "your", "i", "not", "no", "than",
        "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "said",
        "says", "say", "saying", "told", "tells", "will", "would", "could", "should", "may", "might", "can", "has",
        "have", "had", "do", "does", "did", "also", "after", "before", "over", "under", "into", "about", "against",
        "between", "during", "per", "via", "up", "down", "out", "off", "more", "most", "less", "least", "new",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "mr", "ms", "mrs",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "year", "years",
        "month", "months", "day", "days", "so", "if", "while", "such", "other", "some", "all", "any", "each",
        "both", "only", "just", "still", "yet", "very", "around", "since", "until", "because",
        "according", "including", "amid", "among", "across", "above", "below", "last", "next", "first", "second",
        "update", "updated", "percent", "pct", "cent",
    ])
}
