/// What one item tells `SourceBoilerplate` about its source: its headline
/// keys, the keys of its distinct sentences (its own headline inside a
/// sentence replaced by a placeholder) and of its headline's first and last
/// segments.
///
/// It is a few dozen integers, computed once when the item is new and
/// stored with it, so learning a source's boilerplate from its recent items
/// reads these instead of normalizing and splitting every item's text
/// again on each poll. Learning from an item's evidence and from its text
/// gives the same boilerplate.
public struct BoilerplateEvidence: Sendable, Equatable {
    /// The keys of the headline as written and without wire prefixes; nil
    /// when the headline has no words (such an item tells nothing).
    var headline: (full: UInt64, title: UInt64)?
    /// The keys of the headline's first and last segments, when it has more
    /// than one (`Industry News: …`, `… | Agency Blog`).
    var affixes: (prefix: UInt64, suffix: UInt64)?
    /// The item's distinct sentence keys, in order of first occurrence.
    var sentenceKeys: [UInt64] = []

    public init(of prepared: PreparedText) {
        let text = prepared.text
        let fullWords = text.fullTitleHashes
        let titleWords = text.titleHashes
        guard !titleWords.isEmpty else { return }
        headline = (ItemText.key(fullWords), ItemText.key(titleWords))
        let ownHeadlines = [fullWords, titleWords]
        // Distinct keys in a list, not a hashed set: an item has a few
        // dozen sentences, and searching them costs less than SipHash.
        for paragraph in text.paragraphs {
            for sentence in paragraph.sentences {
                guard
                    let key = ItemText.sentenceKey(words: paragraph.hashes[sentence.words], headlines: ownHeadlines),
                    !sentenceKeys.contains(key)
                else { continue }
                sentenceKeys.append(key)
            }
        }
        let segments = Headline.segments(text.title)
        if segments.count > 1, let first = segments.first, let last = segments.last {
            affixes = (ItemText.key(ItemText.hashes(first)), ItemText.key(ItemText.hashes(last)))
        }
    }

    public static func == (lhs: BoilerplateEvidence, rhs: BoilerplateEvidence) -> Bool {
        lhs.headline?.full == rhs.headline?.full && lhs.headline?.title == rhs.headline?.title
            && lhs.affixes?.prefix == rhs.affixes?.prefix && lhs.affixes?.suffix == rhs.affixes?.suffix
            && lhs.sentenceKeys == rhs.sentenceKeys
    }

    // MARK: Stored form

    /// Format version 1: the version byte, a flags byte (1: has a headline,
    /// 2: has affixes), then little-endian UInt64s: the two headline keys,
    /// the two affix keys when flagged, and the sentence keys to the end.
    private static let version: UInt8 = 1

    public func encoded() -> [UInt8] {
        guard let headline else { return [Self.version, 0] }
        var bytes: [UInt8] = [Self.version, affixes == nil ? 1 : 3]
        bytes.reserveCapacity(2 + 8 * (4 + sentenceKeys.count))
        func append(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        append(headline.full)
        append(headline.title)
        if let affixes {
            append(affixes.prefix)
            append(affixes.suffix)
        }
        sentenceKeys.forEach(append)
        return bytes
    }

    public init(decoding bytes: [UInt8]) throws(DedupeError) {
        guard bytes.count >= 2 else {
            throw DedupeError(.truncated, "stored boilerplate evidence has \(bytes.count) bytes")
        }
        guard bytes[0] == Self.version, bytes[1] & ~3 == 0 else {
            throw DedupeError(.unknownVersion, "stored boilerplate evidence has version \(bytes[0]), flags \(bytes[1])")
        }
        guard bytes[1] & 1 != 0 else { return }
        let hasAffixes = bytes[1] & 2 != 0
        let fixed = hasAffixes ? 4 : 2
        guard (bytes.count - 2) % 8 == 0, (bytes.count - 2) / 8 >= fixed else {
            throw DedupeError(.truncated, "stored boilerplate evidence has \(bytes.count) bytes")
        }
        let values = stride(from: 2, to: bytes.count, by: 8).map { start in
            (0..<8).reduce(UInt64(0)) { value, offset in value | UInt64(bytes[start + offset]) << (8 * offset) }
        }
        headline = (values[0], values[1])
        if hasAffixes { affixes = (values[2], values[3]) }
        sentenceKeys = Array(values[fixed...])
    }
}
