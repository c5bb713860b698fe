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
        let lowered = trimmed.lowercased()
        let scheme = lowered.hasPrefix("http://") ? 7 : lowered.hasPrefix("https://") ? 8 : 0
        guard scheme > 0, trimmed.utf8.count > scheme,
            !trimmed.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 0x20 } })
        else { return nil }
        return trimmed
    }
}
