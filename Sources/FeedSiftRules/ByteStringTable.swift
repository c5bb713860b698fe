/// An immutable set of byte strings (folded words or prefixes), each with a
/// dense id, looked up by an FNV-1a hash the caller computes incrementally
/// while it reads a word, so a word's prefixes and the word itself cost one
/// pass over its bytes and one probe each. Open addressing with linear
/// probing, load ≤ 1/2; each slot holds the hash and length, so a probe
/// touches one slot and compares bytes only on a likely hit.
struct ByteStringTable {
    private struct Slot {
        var hash: UInt64 = 0
        var id: Int32 = -1
        var length: Int32 = 0
    }

    private var bytes: [UInt8] = []
    /// `bytes[offsets[id]..<offsets[id + 1]]` is the string with that id.
    private var offsets: [Int32] = [0]
    private var slots: [Slot] = []
    private var mask = 0

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
        slots = [Slot](repeating: Slot(), count: capacity)
        mask = capacity - 1
        for string in strings {
            let hash = Self.hash(string)
            var slot = Self.slot(hash, mask)
            while slots[slot].id >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(hash: hash, id: Int32(count), length: Int32(string.count))
            bytes.append(contentsOf: string)
            offsets.append(Int32(bytes.count))
            count += 1
        }
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// The id of a string of `length` bytes whose hash is `hash`, or -1,
    /// without comparing bytes: for walking the beginnings of prefixes,
    /// where a 64-bit collision could at worst prolong a walk; confirm with
    /// `contains(_:_:length:)` before trusting a match.
    @inline(__always)
    func candidate(length: Int, hash: UInt64) -> Int32 {
        var slot = Self.slot(hash, mask)
        while true {
            let entry = slots[slot]
            if entry.id < 0 { return -1 }
            if entry.hash == hash, Int(entry.length) == length { return entry.id }
            slot = (slot + 1) & mask
        }
    }

    /// Whether string `id` is the first `length` bytes of `word`.
    @inline(__always)
    func contains(_ id: Int32, _ word: UnsafeBufferPointer<UInt8>, length: Int) -> Bool {
        let start = Int(offsets[Int(id)])
        guard Int(offsets[Int(id) + 1]) - start == length else { return false }
        for index in 0..<length where bytes[start + index] != word[index] { return false }
        return true
    }

    /// The id of the first `length` bytes of `word`, whose hash is `hash`, or -1.
    @inline(__always)
    func find(_ word: UnsafeBufferPointer<UInt8>, length: Int, hash: UInt64) -> Int32 {
        var slot = Self.slot(hash, mask)
        while true {
            let entry = slots[slot]
            if entry.id < 0 { return -1 }
            if entry.hash == hash, Int(entry.length) == length, contains(entry.id, word, length: length) {
                return entry.id
            }
            slot = (slot + 1) & mask
        }
    }
}
