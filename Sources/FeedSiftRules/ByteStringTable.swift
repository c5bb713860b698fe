/// An immutable set of byte strings (folded words or prefixes), each with a
/// dense id, looked up by an FNV-1a hash the caller computes incrementally
/// while it reads a word, so a word's prefixes and the word itself cost one
/// pass over its bytes and one probe each. Open addressing, load ≤ 1/2.
struct ByteStringTable {
    private var bytes: [UInt8] = []
    /// `bytes[offsets[id]..<offsets[id + 1]]` is the string with that id.
    private var offsets: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32] = []
    private var mask = 0

    var count: Int { hashes.count }

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
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for string in strings {
            let id = Int32(hashes.count)
            let hash = Self.hash(string)
            bytes.append(contentsOf: string)
            offsets.append(Int32(bytes.count))
            hashes.append(hash)
            var slot = Self.slot(hash, mask)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = id
        }
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// The id of the first `length` bytes of `word`, whose hash is `hash`, or -1.
    @inline(__always)
    func find(_ word: UnsafeBufferPointer<UInt8>, length: Int, hash: UInt64) -> Int32 {
        var slot = Self.slot(hash, mask)
        while true {
            let id = slots[slot]
            if id < 0 { return -1 }
            if hashes[Int(id)] == hash {
                let start = Int(offsets[Int(id)])
                if Int(offsets[Int(id) + 1]) - start == length {
                    var equal = true
                    for index in 0..<length where bytes[start + index] != word[index] {
                        equal = false
                        break
                    }
                    if equal { return id }
                }
            }
            slot = (slot + 1) & mask
        }
    }
}
