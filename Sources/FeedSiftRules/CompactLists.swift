/// Lists of ids stored flat: `items[offsets[i]..<offsets[i + 1]]` is list `i`.
struct CompactLists: Sendable {
    let offsets: [Int32]
    let items: [Int32]

    init(_ lists: [[Int32]]) {
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        for list in lists {
            items += list
            offsets.append(Int32(items.count))
        }
        self.offsets = offsets
        self.items = items
    }

    @inline(__always)
    func range(_ index: Int32) -> Range<Int> { Int(offsets[Int(index)])..<Int(offsets[Int(index) + 1]) }
}
