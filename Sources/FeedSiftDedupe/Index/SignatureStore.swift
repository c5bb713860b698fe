/// The indexed MinHash signatures of the index's slots
/// (`MinHashSignature.indexed`): `MinHashSignature.size` bytes per slot, in
/// chunks of 2^12 slots (no growth copies, no slack beyond one chunk).
struct SignatureStore {
    private static let slotShift = 12
    private static let slotsPerChunk = 1 << slotShift
    private static let width = MinHashSignature.size
    private var chunks: [[UInt8]] = []

    /// Makes room for slots up to `slot`.
    mutating func reserve(slot: Int) {
        while chunks.count * Self.slotsPerChunk <= slot {
            chunks.append([UInt8](repeating: 0, count: Self.slotsPerChunk * Self.width))
        }
    }

    /// Keeps the indexed form of a full signature.
    mutating func store(_ signature: [UInt16], slot: Int) {
        let base = (slot & (Self.slotsPerChunk - 1)) * Self.width
        chunks[slot >> Self.slotShift].withUnsafeMutableBufferPointer { chunk in
            for offset in 0..<Self.width { chunk[base + offset] = MinHashSignature.indexed(signature[offset]) }
        }
    }

    func withSignature<Result>(slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let base = (slot & (Self.slotsPerChunk - 1)) * Self.width
        return chunks[slot >> Self.slotShift].withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[base..<(base + Self.width)]))
        }
    }

    var heapBytes: Int { 32 + chunks.capacity * 8 + chunks.count * (32 + Self.slotsPerChunk * Self.width) }
}
