/// A Bloom filter over `WordHash` hashes that answers "certainly absent"
/// for most words no rule needs, from memory small enough to stay in the
/// fastest cache: each member sets two bits of one 64-bit block, so a
/// question costs one load. At 16 bits per member about 1.5% of non-members
/// get through.
struct BlockedBloomFilter: Sendable {
    private let blocks: [UInt64]
    private let mask: Int

    init(_ hashes: some Collection<UInt64>) {
        var count = 64
        while count * 8 < hashes.count { count <<= 1 }
        var blocks = [UInt64](repeating: 0, count: count)
        let mask = count - 1
        for hash in hashes { blocks[Self.block(hash, mask)] |= Self.pattern(hash) }
        self.blocks = blocks
        self.mask = mask
    }

    /// Bits 20 and up choose the block (the tables use the low bits for slots).
    @inline(__always)
    private static func block(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: hash &>> 20) & mask }

    @inline(__always)
    private static func pattern(_ hash: UInt64) -> UInt64 { 1 &<< (hash &>> 52) | 1 &<< (hash &>> 58) }

    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let pattern = Self.pattern(hash)
        return blocks.withUnsafeBufferPointer { $0[Self.block(hash, mask)] } & pattern == pattern
    }
}
