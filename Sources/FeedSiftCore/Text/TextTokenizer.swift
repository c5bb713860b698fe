import Foundation

/// Splits text into the words that rules, deduplication and search compare,
/// exactly as DESIGN.md's rule language defines them:
///
/// - a word is a maximal run of letters and digits; every other character
///   separates words (`rare-earth` is `rare` `earth`, `U.S.` is `u` `s`);
/// - each Han, Hiragana or Katakana character is a word of its own;
/// - words are case-folded and lose their diacritics (`Élysée` → `elysee`,
///   `Straße` → `strasse`); combining marks and invisible format characters
///   (soft hyphen, zero-width joiner) inside a word are dropped, not splits;
/// - there is no stemming.
///
/// The scanner works on the UTF-8 bytes with an ASCII fast path and one
/// reused buffer for the folded word, so it allocates nothing per word.
/// Positions are word ordinals counted from `firstPosition` (0 by default).
public enum TextTokenizer {
    /// A word as `forEachWord` hands it out.
    public struct Word {
        /// The folded word in UTF-8. Valid only during the callback.
        public var folded: UnsafeBufferPointer<UInt8>
        /// Ordinal of the word in the text.
        public var position: Int
        /// Where the word's characters are in the original text's UTF-8.
        public var utf8Range: Range<Int>

        /// The folded word as a `String` (allocates; for slow paths).
        public var foldedString: String { String(decoding: folded, as: UTF8.self) }
    }

    /// Calls `body` for each word of `text` in order and returns the position
    /// after the last word, so a caller can continue numbering in the next
    /// piece of the same field.
    @discardableResult
    public static func forEachWord(in text: String, firstPosition: Int = 0, _ body: (Word) -> Void) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            scan(bytes, firstPosition: firstPosition, body)
        }
    }

    /// The words of `text` with their positions and UTF-8 ranges.
    public static func tokens(in text: String, firstPosition: Int = 0) -> [TextToken] {
        var result: [TextToken] = []
        forEachWord(in: text, firstPosition: firstPosition) { word in
            result.append(TextToken(word: word.foldedString, position: word.position, utf8Range: word.utf8Range))
        }
        return result
    }

    /// The folded words of `text`.
    public static func words(in text: String) -> [String] {
        var result: [String] = []
        forEachWord(in: text) { result.append($0.foldedString) }
        return result
    }

    /// One pass over the bytes. A word that is already folded (lower-case
    /// ASCII letters and digits, the common case) is handed out straight
    /// from the text; only a word with something to fold is copied, into
    /// one buffer reused for every word.
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, firstPosition: Int, _ body: (Word) -> Void
    ) -> Int {
        let table = NonASCIIFolding.table
        var buffer = FoldBuffer()
        defer { buffer.deallocate() }
        var position = firstPosition
        var wordStart = -1
        var wordEnd = 0
        var copying = false
        var index = 0
        let count = bytes.count

        func emit() {
            let folded =
                copying ? buffer.contents : UnsafeBufferPointer(rebasing: bytes[wordStart..<wordEnd])
            body(Word(folded: folded, position: position, utf8Range: wordStart..<wordEnd))
            position += 1
            wordStart = -1
            copying = false
        }

        /// From now on the word is built in the buffer: copy what it has so far.
        func startCopying() {
            buffer.removeAll()
            buffer.append(UnsafeBufferPointer(rebasing: bytes[wordStart..<wordEnd]))
            copying = true
        }

        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                    if wordStart < 0 { wordStart = index }
                    if copying { buffer.append(byte) }
                    index += 1
                    wordEnd = index
                } else if byte >= 0x41 && byte <= 0x5A {
                    if wordStart < 0 {
                        wordStart = index
                        wordEnd = index
                    }
                    if !copying { startCopying() }
                    buffer.append(byte | 0x20)
                    index += 1
                    wordEnd = index
                } else {
                    if wordStart >= 0 { emit() }
                    index += 1
                }
                continue
            }
            let (value, length) = decodeScalar(bytes, at: index)
            let next = index + length
            switch table.characterClass(of: value) {
            case .separator:
                if wordStart >= 0 { emit() }
            case .ignorable:
                if wordStart >= 0 {
                    if !copying { startCopying() }
                    wordEnd = next
                }
            case .wordCharacter:
                if wordStart < 0 {
                    wordStart = index
                    wordEnd = index
                }
                if !copying { startCopying() }
                table.appendFolded(value, to: &buffer)
                wordEnd = next
            case .ideograph:
                if wordStart >= 0 { emit() }
                wordStart = index
                wordEnd = next
                emit()
            }
            index = next
        }
        if wordStart >= 0 { emit() }
        return position
    }

    /// Decodes the scalar starting at `index`; the bytes are valid UTF-8
    /// because they come from a `String`.
    @inline(__always)
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0xE0 {
            return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1]) & 0x3F, 2)
        }
        if lead < 0xF0 {
            let value = (lead & 0x0F) << 12 | (UInt32(bytes[index + 1]) & 0x3F) << 6 | UInt32(bytes[index + 2]) & 0x3F
            return (value, 3)
        }
        let value =
            (lead & 0x07) << 18 | (UInt32(bytes[index + 1]) & 0x3F) << 12 | (UInt32(bytes[index + 2]) & 0x3F) << 6
            | UInt32(bytes[index + 3]) & 0x3F
        return (value, 4)
    }
}

/// A growable byte buffer for folded words, freed by its owner.
struct FoldBuffer {
    private var storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    private var capacity = 64
    private(set) var count = 0

    var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: capacity * 2) }
        storage[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if count + bytes.count > capacity { grow(to: max(capacity * 2, count + bytes.count)) }
        for byte in bytes {
            storage[count] = byte
            count += 1
        }
    }

    private mutating func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = newCapacity
    }

    func deallocate() { storage.deallocate() }
}

/// One word of a text, as `TextTokenizer.tokens(in:)` returns it.
public struct TextToken: Sendable, Hashable {
    /// Case-folded, without diacritics.
    public var word: String
    /// Ordinal of the word in its text.
    public var position: Int
    /// The word's bytes in the original text's UTF-8.
    public var utf8Range: Range<Int>

    public init(word: String, position: Int, utf8Range: Range<Int>) {
        self.word = word
        self.position = position
        self.utf8Range = utf8Range
    }
}
