/// Where the index keeps every item's `CompactFeatures`: chunks of words
/// filled in order, so an item costs its words and no allocation. Removed
/// items leave garbage until the index compacts.
struct PayloadArena {
    static let chunkWords = 1 << 16

    private(set) var chunks: [[UInt32]] = []
    private(set) var liveWords = 0
    private var usedWords = 0

    /// Appends one item's words; returns where they are.
    mutating func append(_ words: [UInt32]) -> (chunk: UInt32, offset: UInt32) {
        precondition(words.count <= Self.chunkWords, "an item's features exceed an arena chunk")
        if chunks.isEmpty || chunks[chunks.count - 1].count + words.count > Self.chunkWords {
            var chunk: [UInt32] = []
            chunk.reserveCapacity(Self.chunkWords)
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        let offset = chunks[last].count
        chunks[last].append(contentsOf: words)
        liveWords += words.count
        usedWords += words.count
        return (UInt32(last), UInt32(offset))
    }

    func view(chunk: UInt32, offset: UInt32, length: UInt16) -> CompactFeatures {
        let start = Int(offset)
        return CompactFeatures(words: chunks[Int(chunk)][start..<(start + Int(length))])
    }

    mutating func release(_ length: UInt16) {
        liveWords -= Int(length)
    }

    /// More than half of what was written is garbage.
    var needsCompaction: Bool { usedWords - liveWords > max(liveWords, Self.chunkWords) }

    var heapBytes: Int {
        32 + chunks.capacity * 8 + chunks.count * (32 + Self.chunkWords * MemoryLayout<UInt32>.stride)
    }
}
