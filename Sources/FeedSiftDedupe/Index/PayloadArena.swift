/// Where the index keeps every item's `CompactFeatures`: chunks of words
/// filled in order, so an item costs its words and no allocation. Removed
/// items leave garbage until the index compacts.
struct PayloadArena {
    static let chunkWords = 1 << 16

    private(set) var chunks: [[UInt32]] = []
    private(set) var liveWords = 0
    private var usedWords = 0

    /// Where an item's words are: 6 bytes, so that an index record of
    /// the item stays within 88 (see `DedupeIndex.Record`).
    struct Location {
        /// The chunk in the high 16 bits, the offset in it in the low 16
        /// (a chunk holds 2^16 words).
        fileprivate var chunkAndOffset: UInt32 = 0
        /// Words: at most 774 (`CompactFeatures.pack`).
        var length: UInt16 = 0

        fileprivate var chunk: Int { Int(chunkAndOffset >> 16) }
        fileprivate var offset: Int { Int(chunkAndOffset & 0xFFFF) }
    }

    /// Appends one item's words; returns where they are.
    mutating func append(_ words: [UInt32]) -> Location {
        precondition(words.count <= Self.chunkWords, "an item's features exceed an arena chunk")
        if chunks.isEmpty || chunks[chunks.count - 1].count + words.count > Self.chunkWords {
            precondition(chunks.count < 1 << 16, "the payload arena holds at most 2^16 chunks")
            var chunk: [UInt32] = []
            chunk.reserveCapacity(Self.chunkWords)
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        let offset = chunks[last].count
        chunks[last].append(contentsOf: words)
        liveWords += words.count
        usedWords += words.count
        // An item's first word is always before the chunk's end, so the
        // offset fits 16 bits.
        return Location(chunkAndOffset: UInt32(last) << 16 | UInt32(offset), length: UInt16(words.count))
    }

    func view(_ location: Location) -> CompactFeatures {
        CompactFeatures(words: chunks[location.chunk][location.offset..<(location.offset + Int(location.length))])
    }

    mutating func release(_ location: Location) {
        liveWords -= Int(location.length)
    }

    /// More than half of what was written is garbage.
    var needsCompaction: Bool { usedWords - liveWords > max(liveWords, Self.chunkWords) }

    var heapBytes: Int {
        32 + chunks.capacity * 8 + chunks.count * (32 + Self.chunkWords * MemoryLayout<UInt32>.stride)
    }
}
