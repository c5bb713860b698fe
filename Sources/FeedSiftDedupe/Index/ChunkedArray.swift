/// A growable array stored in fixed-size chunks: growing never copies or
/// over-allocates more than one chunk, which for an index of a million
/// items is the difference between its size and twice its size.
struct ChunkedArray<Element> {
    /// Elements per chunk: `1 << shift`.
    let shift: Int
    private let filler: Element
    private(set) var chunks: [[Element]] = []
    private(set) var count = 0

    init(chunkShift shift: Int, filler: Element) {
        self.shift = shift
        self.filler = filler
    }

    var chunkSize: Int { 1 << shift }

    subscript(index: Int) -> Element {
        get { chunks[index >> shift][index & (chunkSize - 1)] }
        set { chunks[index >> shift][index & (chunkSize - 1)] = newValue }
    }

    /// Adds `elements` (filler values) at the end.
    mutating func grow(by elements: Int) {
        count += elements
        while chunks.count * chunkSize < count {
            chunks.append([Element](repeating: filler, count: chunkSize))
        }
    }

    var heapBytes: Int { chunks.count * (32 + chunkSize * MemoryLayout<Element>.stride) + 32 + chunks.capacity * 8 }
}
