import FoundationEssentials

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
        /// The first 8 bytes of `folded` as a little-endian integer, the
        /// rest zero: a word of up to 8 bytes in one integer, for hashing
        /// and comparing words without reading their bytes again.
        public var head: UInt64

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
            scan(bytes, firstPosition: firstPosition) { word in
                body(word)
                return true
            }
        }
    }

    /// Calls `body` for each word of `text` in order while it returns true:
    /// a caller that wants the first few words of a long text does not pay
    /// for reading the rest.
    public static func forLeadingWords(in text: String, _ body: (Word) -> Bool) {
        var text = text
        text.withUTF8 { bytes in
            _ = scan(bytes, firstPosition: 0, body)
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
    /// ASCII letters and digits, the common case) is found by a tight loop
    /// and handed out straight from the text; a word with something to
    /// fold, or anything non-ASCII, goes to `foldWord`, which copies the
    /// folded word into one buffer reused for every word.
    ///
    /// `body` returns whether to go on. Inlined into each caller, so that
    /// for `forEachWord(in:firstPosition:_:)`, whose body always goes on,
    /// the test disappears.
    @inline(__always)
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, firstPosition: Int, _ body: (Word) -> Bool
    ) -> Int {
        guard let text = bytes.baseAddress else { return firstPosition }
        let count = bytes.count
        var buffer = FoldBuffer()
        defer { buffer.deallocate() }
        var position = firstPosition
        var index = 0
        while index < count {
            let byte = text[index]
            if isLowerOrDigit(byte) {
                let start = index
                index = endOfLowerOrDigits(text, from: index + 1, count: count)
                if index < count, !isSeparator(text[index]) {
                    index = foldWord(text, count, start: start, cleanEnd: index, &position, &buffer, body)
                    if index < 0 { break }
                    continue
                }
                let length = index - start
                let goesOn = body(
                    Word(
                        folded: UnsafeBufferPointer(start: text + start, count: length), position: position,
                        utf8Range: start..<index, head: head(text + start, length, readable: count - start)))
                position += 1
                guard goesOn else { break }
                index += 1  // past the separator
            } else if isSeparator(byte) {
                index += 1
            } else {
                index = foldWord(text, count, start: index, cleanEnd: index, &position, &buffer, body)
                if index < 0 { break }
            }
        }
        return position
    }

    /// The index of the first byte from `start` on that is not a lower-case
    /// ASCII letter or digit, or `count`; 8 bytes at a time while 8 remain.
    @inline(__always)
    private static func endOfLowerOrDigits(_ text: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var index = start
        while index + 8 <= count {
            let chunk = UInt64(littleEndian: UnsafeRawPointer(text + index).loadUnaligned(as: UInt64.self))
            let stops = ~lowerOrDigitBytes(chunk) & highBits
            if stops != 0 { return index + stops.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count, isLowerOrDigit(text[index]) { index += 1 }
        return index
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `chunk` that is a lower-case ASCII
    /// letter or digit. The comparisons are additions on the low 7 bits,
    /// which never carry into the next byte.
    @inline(__always)
    private static func lowerOrDigitBytes(_ chunk: UInt64) -> UInt64 {
        let low = chunk & ~highBits
        let atLeastA = low &+ 0x1F1F_1F1F_1F1F_1F1F  // ≥ 0x61 'a'
        let pastZ = low &+ 0x0505_0505_0505_0505  // ≥ 0x7B, past 'z'
        let atLeast0 = low &+ 0x5050_5050_5050_5050  // ≥ 0x30 '0'
        let past9 = low &+ 0x4646_4646_4646_4646  // ≥ 0x3A, past '9'
        return (atLeastA & ~pastZ | atLeast0 & ~past9) & ~chunk & highBits
    }

    @inline(__always)
    private static func isLowerOrDigit(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 || byte &- 0x30 < 10 }

    /// An ASCII character that is not a letter or digit.
    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte | 0x20 &- 0x61 >= 26 && byte &- 0x30 >= 10
    }

    /// Reads the word that starts at `start`, whose bytes up to `cleanEnd`
    /// are lower-case ASCII letters and digits, up to and including the
    /// character that ends it; hands it out folded and returns where the
    /// scan goes on, or -1 when `body` asked to stop. From an ignorable or
    /// separating non-ASCII character it may hand out nothing; from an
    /// ideograph it hands out that character.
    private static func foldWord(
        _ text: UnsafePointer<UInt8>, _ count: Int, start: Int, cleanEnd: Int, _ position: inout Int,
        _ buffer: inout FoldBuffer, _ body: (Word) -> Bool
    ) -> Int {
        let table = NonASCIIFolding.table
        var wordStart = start < cleanEnd ? start : -1
        var wordEnd = cleanEnd
        var copying = false
        var index = cleanEnd

        /// From now on the word is built in the buffer: copy what it has so far.
        func startCopying() {
            buffer.removeAll()
            buffer.append(UnsafeBufferPointer(start: text + wordStart, count: wordEnd - wordStart))
            copying = true
        }

        /// Hands out the word; returns whether to go on.
        func emit() -> Bool {
            let folded: UnsafeBufferPointer<UInt8>
            let wordHead: UInt64
            if copying {
                folded = buffer.contents
                wordHead = head(buffer.start, folded.count, readable: buffer.capacity)
            } else {
                folded = UnsafeBufferPointer(start: text + wordStart, count: wordEnd - wordStart)
                wordHead = head(text + wordStart, folded.count, readable: count - wordStart)
            }
            let goesOn = body(
                Word(folded: folded, position: position, utf8Range: wordStart..<wordEnd, head: wordHead))
            position += 1
            return goesOn
        }

        while index < count {
            let byte = text[index]
            if byte < 0x80 {
                if isLowerOrDigit(byte) {
                    if wordStart < 0 { wordStart = index }
                    if copying { buffer.append(byte) }
                    index += 1
                    wordEnd = index
                } else if byte &- 0x41 < 26 {
                    if wordStart < 0 {
                        wordStart = index
                        wordEnd = index
                    }
                    if !copying { startCopying() }
                    buffer.append(byte | 0x20)
                    index += 1
                    wordEnd = index
                } else {
                    if wordStart >= 0, !emit() { return -1 }
                    return index + 1
                }
                continue
            }
            let (value, length) = decodeScalar(text, at: index)
            let next = index + length
            switch table.characterClass(of: value) {
            case .separator:
                if wordStart >= 0, !emit() { return -1 }
                return next
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
                if wordStart >= 0, !emit() { return -1 }
                copying = false
                wordStart = index
                wordEnd = next
                return emit() ? next : -1
            }
            index = next
        }
        if wordStart >= 0, !emit() { return -1 }
        return count
    }

    /// The first `min(count, 8)` bytes at `bytes` as a little-endian integer,
    /// given that `readable` bytes from `bytes` on may be read: one load
    /// except near the end of the text.
    @inline(__always)
    private static func head(_ bytes: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> UInt64 {
        guard readable >= 8 else {
            var head: UInt64 = 0
            for index in 0..<min(count, 8) { head |= UInt64(bytes[index]) &<< UInt64(truncatingIfNeeded: 8 &* index) }
            return head
        }
        let head = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
        return count >= 8 ? head : head & ((1 &<< UInt64(truncatingIfNeeded: 8 &* count)) &- 1)
    }

    /// Decodes the scalar starting at `index`; the bytes are valid UTF-8
    /// because they come from a `String`.
    @inline(__always)
    private static func decodeScalar(_ bytes: UnsafePointer<UInt8>, at index: Int) -> (UInt32, Int) {
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

/// A growable byte buffer for folded words, allocated on first use (most
/// texts need it for a few words, many never) and freed by its owner.
struct FoldBuffer {
    private var storage: UnsafeMutablePointer<UInt8>?
    /// Bytes that may be read from `start`, initialized (zero past `count`
    /// at first), so a word's head can be read in one load.
    private(set) var capacity = 0
    private(set) var count = 0

    var start: UnsafePointer<UInt8> { UnsafePointer(storage.unsafelyUnwrapped) }

    var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: max(64, capacity * 2)) }
        storage.unsafelyUnwrapped[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if count + bytes.count > capacity { grow(to: max(64, capacity * 2, count + bytes.count)) }
        for byte in bytes {
            storage.unsafelyUnwrapped[count] = byte
            count += 1
        }
    }

    private mutating func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.initialize(repeating: 0, count: newCapacity)
        if let storage {
            larger.update(from: storage, count: count)
            storage.deallocate()
        }
        storage = larger
        capacity = newCapacity
    }

    func deallocate() { storage?.deallocate() }
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
