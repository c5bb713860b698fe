/// Scores accumulated per candidate slot while reading postings: a small
/// open-addressing table sized for the posting budget, so it stays in the
/// fastest cache however large the window.
struct CandidateScores {
    private var slots: [Int32] = []
    private var scores: [Float] = []
    private var used: [Int] = []
    private var mask = 0

    /// Makes room for `capacity` candidates (kept between uses: the table
    /// is emptied by `drain`, not reallocated).
    mutating func prepare(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        guard size != slots.count else { return }
        slots = [Int32](repeating: -1, count: size)
        scores = [Float](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    mutating func add(_ score: Float, to slot: Int32) {
        var index = Int(UInt32(bitPattern: slot) &* 0x9e37_79b9 >> 16) & mask
        while slots[index] != slot {
            if slots[index] < 0 {
                slots[index] = slot
                used.append(index)
                break
            }
            index = (index + 1) & mask
        }
        scores[index] += score
    }

    /// Hands out every candidate and empties the table.
    mutating func drain(_ body: (Int32, Float) -> Void) {
        for index in used {
            body(slots[index], scores[index])
            slots[index] = -1
            scores[index] = 0
        }
        used.removeAll(keepingCapacity: true)
    }
}
