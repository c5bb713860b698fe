/// The one-to-two-sentence summary a digest shows for a story, cut from
/// the item's plain text.
enum DigestSummary {
    static let maximumLength = 320

    /// The first two sentences of `text`, whitespace collapsed, at most
    /// `maximumLength` characters (cut at a word, with "…").
    static func sentences(from text: String, count: Int = 2) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var result = ""
        var sentences = 0
        for (index, word) in words.enumerated() {
            if !result.isEmpty { result += " " }
            result += word
            let next = index + 1 < words.count ? words[index + 1] : nil
            if endsSentence(word, next: next) {
                sentences += 1
                if sentences == count { break }
            }
            if result.count > maximumLength { break }
        }
        guard result.count > maximumLength else { return result }
        var cut = String(result.prefix(maximumLength))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        while let last = cut.last, last.isPunctuation && last != ")" { cut.removeLast() }
        return cut + "…"
    }

    /// Whether `word` ends a sentence, judging by what follows: "U.S.
    /// tariffs" and "Mr. Smith" do not end one; "rose 3%. Prices" does.
    private static func endsSentence(_ word: Substring, next: Substring?) -> Bool {
        guard let last = word.last else { return false }
        if "。！？".contains(last) { return true }
        var core = word
        while let end = core.last, "\"'’”)]".contains(end) { core.removeLast() }
        guard let mark = core.last, ".!?".contains(mark) else { return false }
        guard let next, let first = next.first(where: { $0.isLetter || $0.isNumber }) else { return next == nil }
        guard first.isUppercase || first.isNumber || !first.isCased else { return false }
        if mark == "." {
            let stem = core.dropLast()
            // Initials and dotted abbreviations (J., U.S.) and titles.
            if stem.count <= 1 || stem.contains(".") { return false }
            if abbreviations.contains(stem.lowercased()) { return false }
        }
        return true
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "inc", "ltd", "co", "corp", "no", "vs", "gov", "sen", "rep", "gen",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
}
