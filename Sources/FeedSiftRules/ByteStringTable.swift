/// An immutable set of byte strings (folded words or prefixes), each with a
/// dense id, looked up by an FNV-1a hash the caller computes incrementally
/// while it reads a word, so a word's prefixes and the word itself cost one
/// pass over its bytes.
///
/// Most words of a text are in no rule, so a lookup first asks a small
/// `BitFilter` that stays in cache and rejects most absent words without
/// touching the table. The table itself
/// is open addressing with linear probing at load ≤ 1/2, 8 bytes a slot
/// (32 bits of hash, the id), comparing bytes only on a likely hit.
struct ByteStringTable {
    private var bytes: [UInt8] = []
    /// `bytes[offsets[id]..<offsets[id + 1]]` is the string with that id.
    private var offsets: [Int32] = [0]
    /// High 32 bits: the hash's high half; low 32 bits: id + 1 (0 = empty).
    private var slots: [UInt64] = []
    private var mask = 0
    private var filter: BitFilter

    private(set) var count = 0

    static let initialHash: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func hash(_ hash: UInt64, adding byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    static func hash(_ string: [UInt8]) -> UInt64 {
        string.reduce(initialHash, hash(_:adding:))
    }

    /// Builds the table; ids are the strings' indices in `strings`, which
    /// must be distinct.
    init(_ strings: [[UInt8]]) {
        var capacity = 16
        while capacity < strings.count * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        filter = BitFilter(expectedCount: strings.count)
        for string in strings {
            let hash = Self.hash(string)
            var slot = Self.slot(hash, mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(count + 1)
            filter.insert(hash)
            bytes.append(contentsOf: string)
            offsets.append(Int32(bytes.count))
            count += 1
        }
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// Whether string `id` is the first `length` bytes of `word`.
    @inline(__always)
    private func contains(_ id: Int32, _ word: UnsafeBufferPointer<UInt8>, length: Int) -> Bool {
        let start = Int(offsets[Int(id)])
        guard Int(offsets[Int(id) + 1]) - start == length else { return false }
        for index in 0..<length where bytes[start + index] != word[index] { return false }
        return true
    }

    /// The id of the first `length` bytes of `word`, whose hash is `hash`, or -1.
    @inline(__always)
    func find(_ word: UnsafeBufferPointer<UInt8>, length: Int, hash: UInt64) -> Int32 {
        guard filter.mayContain(hash) else { return -1 }
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Self.slot(hash, mask)
        while true {
            let entry = slots[slot]
            if entry == 0 { return -1 }
            let id = Int32(truncatingIfNeeded: entry) - 1
            if entry & 0xFFFF_FFFF_0000_0000 == tag, contains(id, word, length: length) { return id }
            slot = (slot + 1) & mask
        }
    }
}

/// A one-hash Bloom filter over FNV hashes, about 8 bits per member so it
/// answers "certainly absent" for ~90% of non-members from cache.
struct BitFilter {
    private var words: [UInt64]
    private let mask: Int

    init(expectedCount: Int) {
        var bits = 4096
        while bits < expectedCount * 8 { bits <<= 1 }
        words = [UInt64](repeating: 0, count: bits / 64)
        mask = bits - 1
    }

    @inline(__always)
    private func bit(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash >> 17) ^ (hash >> 41)) & mask }

    mutating func insert(_ hash: UInt64) {
        let bit = bit(hash)
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let bit = bit(hash)
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}
