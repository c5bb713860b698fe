/// Short ASCII names (HTML tag and attribute names, URL schemes) packed,
/// lower-cased, into one integer, so tables can be keyed by them without
/// making a String per look-up.
enum PackedName {
    /// Names longer than this have no key (none of the tables holds one).
    static let maximumLength = 16

    /// The key of `bytes` with ASCII letters lower-cased, or nil when too long.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt128? {
        guard bytes.count <= maximumLength else { return nil }
        var key: UInt128 = 0
        for byte in bytes { key = key << 8 | UInt128(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        return key
    }

    static func key(_ name: String) -> UInt128 {
        var copy = name
        return copy.withUTF8 { key($0) } ?? 0
    }
}

/// A fixed map from packed names to values: open addressing with a
/// multiplicative hash, a few instructions per look-up (Dictionary's
/// SipHash of a UInt128 costs more than the rest of a tag's handling).
struct PackedNameTable<Value: Sendable>: Sendable {
    private var keys: [UInt128]
    private var values: [Value?]
    private let shift: UInt64

    init(_ pairs: [(name: String, value: Value)]) {
        var bits: UInt64 = 4
        while 1 << bits < 2 * pairs.count { bits += 1 }
        shift = 64 - bits
        keys = Array(repeating: 0, count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        for (name, value) in pairs {
            let key = PackedName.key(name)
            var slot = self.slot(key)
            while values[slot] != nil, keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    func value(for key: UInt128) -> Value? {
        var slot = self.slot(key)
        while true {
            guard let value = values[slot] else { return nil }
            if keys[slot] == key { return value }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    @inline(__always)
    private func slot(_ key: UInt128) -> Int {
        let folded = UInt64(truncatingIfNeeded: key) ^ UInt64(truncatingIfNeeded: key >> 64)
        return Int(truncatingIfNeeded: (folded &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
