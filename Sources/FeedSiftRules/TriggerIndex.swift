/// The atoms through which queries are found: for each word of an item,
/// which trigger atoms it is (as a word) or begins with (as prefixes).
///
/// Only trigger atoms are here, the likely rarest term of each query, so
/// with thousands of rules most words of an item are answered "none" by a
/// filter that stays in cache, and the table behind it (open addressing
/// over 64-bit hashes, 16 bytes a slot, load at most 1/2) is touched only
/// for words that are, or nearly are, some rule's trigger. A word and the
/// prefix with the same letters share a slot.
///
/// Prefixes are found by trying the word's beginnings at the lengths that
/// trigger prefixes have, shortest first, and stopping at the first
/// beginning that no longer trigger prefix starts with (`prefixPaths`).
/// Most words begin no trigger prefix at all: one bit, found from the
/// word's head with one multiplication, says so first (`mayBeginPrefix`).
struct TriggerIndex: Sendable {
    struct Slot: Sendable {
        var hash: UInt64 = 0
        /// Atom ids, -1 when that form is no trigger; both -1: empty slot.
        var word: Int32 = -1
        var prefix: Int32 = -1

        var isEmpty: Bool { word < 0 && prefix < 0 }
    }

    /// Trigger words.
    private let filter: BlockedBloomFilter
    private let slots: [Slot]
    private let mask: Int
    /// Trigger prefixes and their beginnings at `prefixLengths`.
    let prefixPaths: PrefixPathFilter
    /// Distinct lengths of trigger prefixes, ascending.
    let prefixLengths: [Int]
    /// One bit per stem (a trigger prefix's first `stemLength` bytes, at most 8).
    private let stems: [UInt64]
    private let stemMask: UInt64
    private let stemShift: UInt64

    init(triggerAtoms: some Sequence<Int32>, atoms: TermAtoms) {
        var capacity = 16
        let atomIds = Array(triggerAtoms)
        while capacity < atomIds.count * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        let mask = capacity - 1
        var lengths = Set<Int>()
        for atom in atomIds {
            let hash = atoms.hash(atom)
            let isPrefix = atoms.isPrefix(atom)
            var slot = Int(truncatingIfNeeded: hash) & mask
            // A slot holds a word and a prefix of the same hash; two words
            // (or prefixes) whose hashes collide take two slots.
            while !slots[slot].isEmpty,
                slots[slot].hash != hash || (isPrefix ? slots[slot].prefix : slots[slot].word) >= 0
            {
                slot = (slot + 1) & mask
            }
            slots[slot].hash = hash
            if isPrefix {
                slots[slot].prefix = atom
                lengths.insert(atoms.length(atom))
            } else {
                slots[slot].word = atom
            }
        }
        prefixLengths = lengths.sorted()
        var beginnings: [(hash: UInt64, length: Int)] = []
        for atom in atomIds where atoms.isPrefix(atom) {
            let text = Array(atoms.text(atom))
            for length in prefixLengths where length < text.count {
                beginnings.append((WordHash.hash(Array(text[..<length])), length))
            }
        }
        let prefixHeads = atomIds.filter { atoms.isPrefix($0) }.map { WordHash.head(Array(atoms.text($0))) }
        stemMask = WordHash.mask(min(8, prefixLengths.first ?? 8))
        var stemBits = 512
        while stemBits < prefixHeads.count * 16 { stemBits <<= 1 }
        stemShift = UInt64(64 - stemBits.trailingZeroBitCount)
        var stems = [UInt64](repeating: 0, count: stemBits / 64)
        for head in prefixHeads {
            let bit = Self.stemBit(head & stemMask, stemShift)
            stems[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.stems = stems
        filter = BlockedBloomFilter(atomIds.filter { !atoms.isPrefix($0) }.map(atoms.hash))
        prefixPaths = PrefixPathFilter(
            prefixes: atomIds.filter { atoms.isPrefix($0) }.map { (atoms.hash($0), atoms.length($0)) },
            beginnings: beginnings, shortest: prefixLengths.first ?? 0)
        self.slots = slots
        self.mask = mask
    }

    var hasPrefixes: Bool { !prefixLengths.isEmpty }

    @inline(__always)
    private static func stemBit(_ stem: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (stem &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// Whether the word whose head is `head` may begin with a trigger prefix
    /// (false for almost every word that does not).
    @inline(__always)
    func mayBeginPrefix(_ head: UInt64) -> Bool {
        let bit = Self.stemBit(head & stemMask, stemShift)
        return stems.withUnsafeBufferPointer { $0[bit &>> 6] } &>> UInt64(truncatingIfNeeded: bit & 63) & 1 != 0
    }

    /// Calls `body` with each slot whose hash is `hash` (almost always none
    /// or one) when `hash` may be a trigger word's. The caller checks that
    /// the atoms really match the word.
    @inline(__always)
    func forEachWordSlot(_ hash: UInt64, _ body: (Slot) -> Void) {
        guard filter.mayContain(hash) else { return }
        forEachSlot(hash, body)
    }

    /// Calls `body` with each slot whose hash is `hash`.
    @inline(__always)
    func forEachSlot(_ hash: UInt64, _ body: (Slot) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while !slots[slot].isEmpty {
                if slots[slot].hash == hash { body(slots[slot]) }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// For the prefix walk, from one 64-bit block per beginning of a word:
/// whether a trigger prefix may be exactly these bytes (`ends`), and
/// whether a longer one may begin with them (`continues`), each as a
/// two-bit Bloom pattern from different bits of the hash. Every word of
/// an item asks about its shortest beginning, so those answers have a
/// small filter of their own that stays in the fastest cache.
struct PrefixPathFilter: Sendable {
    private let first: [UInt64]
    private let firstMask: Int
    private let rest: [UInt64]
    private let restMask: Int

    /// `prefixes` and `beginnings` are hashes with the length they hash.
    init(prefixes: [(hash: UInt64, length: Int)], beginnings: [(hash: UInt64, length: Int)], shortest: Int) {
        func blocks(_ members: [(hash: UInt64, length: Int)], ends: Int) -> ([UInt64], Int) {
            var count = 8
            while count * 4 < members.count { count <<= 1 }
            var blocks = [UInt64](repeating: 0, count: count)
            for (index, member) in members.enumerated() {
                blocks[Self.block(member.hash, count - 1)] |=
                    index < ends ? Self.endPattern(member.hash) : Self.continuePattern(member.hash)
            }
            return (blocks, count - 1)
        }
        let firstPrefixes = prefixes.filter { $0.length == shortest }
        let firstBeginnings = beginnings.filter { $0.length == shortest }
        (first, firstMask) = blocks(firstPrefixes + firstBeginnings, ends: firstPrefixes.count)
        let restPrefixes = prefixes.filter { $0.length != shortest }
        (rest, restMask) = blocks(
            restPrefixes + beginnings.filter { $0.length != shortest }, ends: restPrefixes.count)
    }

    @inline(__always)
    private static func block(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: hash &>> 20) & mask }

    @inline(__always)
    private static func endPattern(_ hash: UInt64) -> UInt64 { 1 &<< (hash &>> 40) | 1 &<< (hash &>> 46) }

    @inline(__always)
    private static func continuePattern(_ hash: UInt64) -> UInt64 { 1 &<< (hash &>> 52) | 1 &<< (hash &>> 58) }

    /// The answers for a beginning of a word, `isShortest` when it has the
    /// shortest length of any trigger prefix.
    @inline(__always)
    func look(_ hash: UInt64, isShortest: Bool) -> (ends: Bool, continues: Bool) {
        let block =
            isShortest
            ? first.withUnsafeBufferPointer { $0[Self.block(hash, firstMask)] }
            : rest.withUnsafeBufferPointer { $0[Self.block(hash, restMask)] }
        let end = Self.endPattern(hash)
        let more = Self.continuePattern(hash)
        return (block & end == end, block & more == more)
    }
}
