import FeedSiftCore

/// What tells an entry seen again from its stored item: a hash of what a
/// reader sees (title, summary and content HTML, link), stored with the
/// item. A different fingerprint is an edit.
///
/// Every entry of every fetched document is fingerprinted, so the hash
/// reads 8 bytes at a step (FxHash's rotate, xor and multiply, finished
/// with MurmurHash3's mix): about eight times faster than the FNV-1a,
/// a byte at a step, that items stored before carry (`Fingerprint.hash`,
/// 16 hex digits). The current form is marked `2:`, and `matches`
/// recognizes the old one, so an upgrade does not take every stored item
/// for edited.
public enum ContentFingerprint {
    private static let prefix = "2:"

    /// The fingerprint of an entry's content.
    public static func of(title: String, summary: String?, content: String?, link: String?) -> String {
        // Part by part, without an array of them: this runs for every entry
        // of every fetched document. A missing part hashes as an empty one.
        var hasher = WordHasher()
        hasher.add(title)
        hasher.add(summary ?? "")
        hasher.add(content ?? "")
        hasher.add(link ?? "")
        return prefix + Hexadecimal.digits(hasher.value, count: 16)
    }

    /// Whether `stored` fingerprints the content whose current fingerprint
    /// is `current`: equal to it, or, for an item stored before the `2:`
    /// form, the old hash of the same parts.
    public static func matches(
        _ stored: String, current: String, title: String, summary: String?, content: String?, link: String?
    ) -> Bool {
        if stored == current { return true }
        guard !stored.hasPrefix(prefix) else { return false }
        return stored == Fingerprint.hash(title, summary, content, link)
    }
}

/// The running state of `ContentFingerprint`'s hash. Each part ends with
/// its length, so ("ab", "c") and ("a", "bc") differ.
private struct WordHasher {
    private var state: UInt64 = 0

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    private mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= bytes.count {
            step(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        step(tail)
        step(UInt64(bytes.count))
    }

    private mutating func step(_ word: UInt64) {
        state = (state << 5 | state >> 59) ^ word
        state &*= 0x517c_c1b7_2722_0a95
    }

    var value: UInt64 { StableHash.mix(state) }
}
