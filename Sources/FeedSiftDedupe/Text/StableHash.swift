import FeedSiftCore

/// 64-bit hashes that are the same on every run and platform (unlike
/// `Hasher`), because they are persisted with each item's features.
/// FNV-1a over the bytes, finished with a MurmurHash3 mix so that similar
/// inputs spread over all bits (band keys and term ids take slices of them).
enum StableHash {
    static func of(_ text: String) -> UInt64 {
        var hash = FNV1a()
        hash.add(text)
        return mix(hash.value)
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV1a()
        hash.add(bytes)
        return mix(hash.value)
    }

    /// A hash of a sequence of word hashes (order matters).
    static func of(sequence hashes: some Sequence<UInt64>) -> UInt64 {
        var value: UInt64 = 0x9e37_79b9_7f4a_7c15
        for hash in hashes {
            value = mix(value ^ hash &+ 0x9e37_79b9_7f4a_7c15 &+ (value << 6) &+ (value >> 2))
        }
        return value
    }

    static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        mix(first &* 0x9e37_79b9_7f4a_7c15 ^ second)
    }

    /// MurmurHash3's 64-bit finalizer.
    @inline(__always)
    static func mix(_ input: UInt64) -> UInt64 {
        var value = input
        value ^= value >> 33
        value &*= 0xff51_afd7_ed55_8ccd
        value ^= value >> 33
        value &*= 0xc4ce_b9fe_1a85_ec53
        value ^= value >> 33
        return value
    }
}
