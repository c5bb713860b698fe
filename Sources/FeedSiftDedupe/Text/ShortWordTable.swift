/// A fixed table of short words (at most 15 bytes of UTF-8), each with a
/// value, for the word lists every item's text is checked against: stop
/// words, movement verbs, months, commodities.
///
/// A `Set<String>` hashes each looked-up word with SipHash; here a word is
/// packed into two integers with its length, which are the key itself,
/// and looked up in an open-addressing table at most a quarter full. No
/// lookup allocates, and a word longer than any entry is rejected by its
/// length alone. Lookups are exact byte comparisons of the folded words
/// the tokenizer produces.
struct ShortWordTable<Value: Sendable>: Sendable {
    /// A word's bytes, little-endian, and its length in the top byte.
    private struct Key: Equatable {
        var low: UInt64
        var high: UInt64
    }

    static var maximumLength: Int { 15 }

    private var keys: [Key]
    private var values: [Value?]
    private let mask: Int

    /// `entries` must be distinct words of at most `maximumLength` bytes:
    /// the tables are written in the source, so a longer word is a
    /// programming error.
    init(_ entries: some Collection<(String, Value)>) {
        var capacity = 8
        while capacity < 4 * entries.count { capacity <<= 1 }
        mask = capacity - 1
        keys = Array(repeating: Key(low: 0, high: 0), count: capacity)
        values = Array(repeating: nil, count: capacity)
        for (word, value) in entries {
            guard let key = Self.key(word) else {
                preconditionFailure("ShortWordTable: \"\(word)\" is longer than \(Self.maximumLength) bytes")
            }
            var slot = Self.slot(of: key, mask: mask)
            while values[slot] != nil && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The value of `word`, if the table has it.
    subscript(word: String) -> Value? {
        guard let key = Self.key(word) else { return nil }
        return value(of: key)
    }

    /// The value of the two words joined by one space (`"iron ore"`),
    /// without building that string.
    subscript(first: String, second: String) -> Value? {
        guard let key = Self.key(first, second) else { return nil }
        return value(of: key)
    }

    /// The value of the word spelled by `bytes` (UTF-8), for a word still
    /// inside the text it was found in.
    subscript(bytes bytes: some Sequence<UInt8>) -> Value? {
        guard let key = Self.key(bytes) else { return nil }
        return value(of: key)
    }

    func contains(_ word: String) -> Bool { self[word] != nil }

    func contains(bytes: some Sequence<UInt8>) -> Bool { self[bytes: bytes] != nil }

    private func value(of key: Key) -> Value? {
        var slot = Self.slot(of: key, mask: mask)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always)
    private static func slot(of key: Key, mask: Int) -> Int {
        Int(truncatingIfNeeded: StableHash.mix(key.low &* 0x9e37_79b9_7f4a_7c15 ^ key.high)) & mask
    }

    private static func key(_ word: String) -> Key? {
        // Through the contiguous bytes: iterating a `String.UTF8View` costs
        // several times as much per byte, on every word of every item.
        var word = word
        return word.withUTF8 { key(contiguous: $0) }
    }

    /// `key(_:)` of bytes in one buffer: their count is known, so each byte
    /// is shifted into place without a check of its own.
    @inline(__always)
    private static func key(contiguous bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        guard bytes.count <= maximumLength else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for index in 0..<min(bytes.count, 8) { low |= UInt64(bytes[index]) << (8 * index) }
        for index in min(bytes.count, 8)..<bytes.count { high |= UInt64(bytes[index]) << (8 * (index - 8)) }
        return Key(low: low, high: high | UInt64(bytes.count) << 56)
    }

    private static func key(_ bytes: some Sequence<UInt8>) -> Key? {
        if let key = bytes.withContiguousStorageIfAvailable({ key(contiguous: $0) }) { return key }
        var packer = Packer()
        for byte in bytes {
            guard packer.add(byte) else { return nil }
        }
        return packer.key
    }

    private static func key(_ first: String, _ second: String) -> Key? {
        guard first.utf8.count + 1 + second.utf8.count <= maximumLength else { return nil }
        var packer = Packer()
        var first = first
        var second = second
        first.withUTF8 { for byte in $0 { _ = packer.add(byte) } }
        _ = packer.add(UInt8(ascii: " "))
        second.withUTF8 { for byte in $0 { _ = packer.add(byte) } }
        return packer.key
    }

    /// Packs bytes into a key while they fit.
    private struct Packer {
        private var low: UInt64 = 0
        private var high: UInt64 = 0
        private var count = 0

        mutating func add(_ byte: UInt8) -> Bool {
            guard count < ShortWordTable.maximumLength else { return false }
            if count < 8 {
                low |= UInt64(byte) << (8 * count)
            } else {
                high |= UInt64(byte) << (8 * (count - 8))
            }
            count += 1
            return true
        }

        var key: Key { Key(low: low, high: high | UInt64(count) << 56) }
    }
}

extension ShortWordTable where Value == Bool {
    /// A set of words.
    init(words: some Collection<String>) {
        self.init(words.map { ($0, true) })
    }
}
