import FeedSiftCore

/// A fingerprint of an item's lead: its first paragraph of at least 15
/// words, as folded words. Verbatim copies (re-posts, syndication with a
/// credit line added at the end) share it; different articles practically
/// never do.
public enum LeadFingerprint {
    static let minimumWords = 15

    /// Paragraphs are separated by blank lines, as in the parser's text.
    public static func of(_ text: String?) -> String? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { bytes -> String? in
            var hasher = FNV1a()
            var words = 0
            var previousEnd = 0
            var found = false
            TextTokenizer.forEachWord(in: text) { word in
                guard !found else { return }
                if words > 0, isParagraphBreak(bytes[previousEnd..<word.utf8Range.lowerBound]) {
                    if words >= minimumWords {
                        found = true
                        return
                    }
                    hasher = FNV1a()
                    words = 0
                }
                hasher.add(word.folded)
                hasher.add(0x20)
                words += 1
                previousEnd = word.utf8Range.upperBound
            }
            guard found || words >= minimumWords else { return nil }
            return hasher.hex
        }
    }

    /// Whether the bytes between two words hold a blank line.
    private static func isParagraphBreak(_ gap: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var newlines = 0
        for byte in gap where byte == 0x0A {
            newlines += 1
            if newlines == 2 { return true }
        }
        return false
    }
}
