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
        let scheme = hasPrefix(trimmed.utf8, "http://") ? 7 : hasPrefix(trimmed.utf8, "https://") ? 8 : 0
        guard scheme > 0, trimmed.utf8.count > scheme else { return nil }
        // ASCII (almost every link) is checked byte by byte: a space or a
        // control character is what breaks it there.
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) {
            return trimmed.utf8.contains { $0 <= 0x20 } ? nil : trimmed
        }
        guard !trimmed.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 0x20 } })
        else { return nil }
        return trimmed
    }

    /// Whether `bytes` start with the lower-case ASCII `prefix`, in any case.
    private static func hasPrefix(_ bytes: String.UTF8View, _ prefix: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard bytes.count >= expected.count else { return false }
        for (byte, wanted) in zip(bytes, expected) {
            let folded: UInt8 = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if folded != wanted { return false }
        }
        return true
    }
}
