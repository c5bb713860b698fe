/// The element names of one document, found by the pointers libxml2 interns
/// them under (the same name always arrives as the same pointers within one
/// parse), so each distinct name is lower-cased and classified once rather
/// than on every element. An open-addressing table: a look-up hashes three
/// pointers, where a Dictionary would run SipHash over them.
struct ElementNameTable {
    /// What is known about one element name.
    struct Name {
        var element: FeedElement
        /// The lower-cased local name (for re-serializing markup).
        var local: String
    }

    private struct Slot {
        var local: UnsafePointer<UInt8>?
        var uri: UnsafePointer<UInt8>?
        var prefix: UnsafePointer<UInt8>?
        var index = -1
    }

    private(set) var names: [Name] = []
    private var slots = [Slot](repeating: Slot(), count: 64)

    subscript(index: Int) -> Name { names[index] }

    /// The index of the name with these pointers, if it was seen before.
    func index(local: UnsafePointer<UInt8>, uri: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(local, uri, prefix) & mask
        while true {
            let entry = slots[slot]
            guard entry.index >= 0 else { return nil }
            if entry.local == local && entry.uri == uri && entry.prefix == prefix { return entry.index }
            slot = (slot + 1) & mask
        }
    }

    /// Records (or replaces) what the name with these pointers means; returns its index.
    mutating func set(
        _ name: Name, local: UnsafePointer<UInt8>, uri: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?
    ) -> Int {
        if let existing = index(local: local, uri: uri, prefix: prefix) {
            names[existing] = name
            return existing
        }
        if 2 * (names.count + 1) > slots.count { grow() }
        names.append(name)
        insert(Slot(local: local, uri: uri, prefix: prefix, index: names.count - 1))
        return names.count - 1
    }

    private mutating func insert(_ entry: Slot) {
        let mask = slots.count - 1
        var slot = Self.hash(entry.local, entry.uri, entry.prefix) & mask
        while slots[slot].index >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for entry in old where entry.index >= 0 { insert(entry) }
    }

    private static func hash(
        _ local: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?, _ prefix: UnsafePointer<UInt8>?
    ) -> Int {
        let mixed =
            (UInt(bitPattern: local) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(bitPattern: uri) &* 0xC2B2_AE3D_27D4_EB4F)
            ^ UInt(bitPattern: prefix)
        return Int(truncatingIfNeeded: ((mixed ^ (mixed >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }
}
