/// A fingerprint of an item's lead: its first paragraph of at least 15
/// words, reduced to lower-case letters and digits. Verbatim copies
/// (re-posts, syndication with a credit line added at the end) share it;
/// different articles practically never do.
public enum LeadFingerprint {
    static let minimumWords = 15

    /// Paragraphs are separated by blank lines, as in the parser's text.
    public static func of(_ text: String?) -> String? {
        guard let text else { return nil }
        var paragraph: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if paragraph.count >= minimumWords { break }
                paragraph.removeAll()
                continue
            }
            paragraph.append(contentsOf: words(in: line))
        }
        guard paragraph.count >= minimumWords else { return nil }
        return Fingerprint.hash(paragraph.joined(separator: " "))
    }

    private static func words(in line: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        for character in line.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
