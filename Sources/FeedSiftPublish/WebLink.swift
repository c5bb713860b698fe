import FeedSiftCore
import FoundationEssentials

/// The links feedsift offers a reader, in the Atom feed and in the digest:
/// absolute http or https URLs only. A feed can carry `javascript:` or
/// `data:` links, relative ones mean nothing outside it, and a link with
/// white space or control characters inside is broken or a trick.
enum WebLink {
    /// `text` without surrounding white space when it is such a link.
    static func validated(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        // Only the scheme is compared without case: eight characters, a
        // String too small to need the heap.
        let head = trimmed.prefix(8).lowercased()
        let scheme = head.hasPrefix("http://") ? 7 : head.hasPrefix("https://") ? 8 : 0
        guard scheme > 0, trimmed.utf8.count > scheme,
            // ASCII white space is below 0x21: Unicode's tables are read only
            // for the rest (most links have none).
            !trimmed.unicodeScalars.contains(where: {
                $0.value <= 0x20 || $0.value > 0x7F && $0.properties.isWhitespace
            })
        else { return nil }
        return trimmed
    }
}
